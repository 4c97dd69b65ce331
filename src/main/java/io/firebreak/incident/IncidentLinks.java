package io.firebreak.incident;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Links other systems gave an incident, by name ({@code ticket}, {@code bridge}, or any name a
 * process owner's step chooses): url and the other system's own id ({@code ref}). Written by the
 * outbound HTTP step in the engine's transaction; read by messages and {@code GET /api/incidents/{key}}.
 * Gateways ask {@code ${incidentLinks.has(execution, 'ticket')}} (incident.bpmn
 * {@code Gateway_TicketToUpdate}, {@code Gateway_TicketToClose}).
 */
@Component("incidentLinks")
public class IncidentLinks {

  /** One link: where people go, and how the other system names it. */
  public record Link(String url, String ref) {}

  private final JdbcTemplate jdbc;

  IncidentLinks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void put(String incidentKey, String name, String url, String ref) {
    jdbc.update("DELETE FROM fb_incident_link WHERE incident_key = ? AND name = ?", incidentKey, name);
    jdbc.update("INSERT INTO fb_incident_link (incident_key, name, url, ref, created_at) VALUES (?,?,?,?,?)",
        incidentKey, name, url, ref, Timestamp.from(IncidentRepository.now()));
  }

  public Map<String, Link> of(String incidentKey) {
    Map<String, Link> links = new LinkedHashMap<>();
    jdbc.query("SELECT name, url, ref FROM fb_incident_link WHERE incident_key = ? ORDER BY name",
        rs -> {
          links.put(rs.getString(1), new Link(rs.getString(2), rs.getString(3)));
        }, incidentKey);
    return links;
  }

  /** Whether the incident of this process has a link of this name (for gateways). */
  public boolean has(DelegateExecution execution, String name) {
    return of(Incidents.keyOf(execution)).containsKey(name);
  }

  /** name → {url, ref} maps, for templates ({@code {{links.ticket.url}}}) and the API. */
  public Map<String, Object> asMaps(String incidentKey) {
    Map<String, Object> maps = new LinkedHashMap<>();
    of(incidentKey).forEach((name, link) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("url", link.url());
      m.put("ref", link.ref());
      maps.put(name, m);
    });
    return maps;
  }
}
