package io.firebreak.integrations;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentLinks;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.FirebreakProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What an outbound step's URL, headers and body can say: every variable the step sees (its inputs
 * included), the incident as the read model has it now, its links ({@code {{links.ticket.ref}}}) and
 * the incident's page. Inline Mustache from the model, escaped for where it goes: JSON string
 * content in bodies, URL-encoded in URLs, as is in headers.
 */
@Component
class StepModel {

  static final Mustache.Escaper JSON = raw -> new String(JsonStringEncoder.getInstance().quoteAsString(raw));
  static final Mustache.Escaper URL = raw -> URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
  static final Mustache.Escaper NONE = Escapers.NONE;

  private final IncidentRepository incidents;
  private final IncidentLinks links;
  private final FirebreakProperties properties;

  StepModel(IncidentRepository incidents, IncidentLinks links, FirebreakProperties properties) {
    this.incidents = incidents;
    this.links = links;
    this.properties = properties;
  }

  Map<String, Object> of(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    Map<String, Object> model = new HashMap<>(execution.getVariables());
    Incident incident = incidents.find(key)
        .orElseThrow(() -> new IllegalStateException("no incident " + key + " in the read model"));
    model.putAll(Incidents.facts(incident));
    model.put("state", incident.state().name().toLowerCase(java.util.Locale.ROOT));
    model.put("incidentUrl", properties.baseUrl() + "/api/incidents/" + key);
    model.put("links", links.asMaps(key));
    return model;
  }

  static String render(String template, Mustache.Escaper escaper, Map<String, ?> model) {
    if (template == null) {
      return null;
    }
    return Mustache.compiler().withEscaper(escaper).defaultValue("").compile(template).execute(model);
  }
}
