package io.firebreak.statuspage;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** What the public page shows (tables {@code fb_status_incident}, {@code fb_status_update}). */
@Repository
class PublicStatusStore {

  record PublicUpdate(String id, String status, String body, Instant createdAt) {}

  record PublicIncident(String id, String name, String status, String componentStatus, List<String> components,
      Instant createdAt, Instant updatedAt, Instant monitoringAt, Instant resolvedAt, List<PublicUpdate> updates) {

    boolean resolved() {
      return resolvedAt != null;
    }
  }

  private static final String COLUMNS =
      "id, name, status, component_status, components, created_at, updated_at, monitoring_at, resolved_at";
  private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;

  PublicStatusStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records an approved update. An incident that was never public is not made public by its
   * resolution; an update that repeats the last one (same status, same text) adds nothing.
   *
   * @return whether the page changed
   */
  @Transactional
  boolean apply(StatusPageUpdate u, String fallbackTitle, Instant now) {
    String status = u.status();
    boolean closing = status.equals("resolved") || status.equals("postmortem");
    Optional<String> existing = jdbc.query("SELECT id FROM fb_status_incident WHERE incident_key = ?",
        (rs, i) -> rs.getString(1), u.incidentKey()).stream().findFirst();
    String id;
    if (existing.isEmpty()) {
      if (closing) {
        return false;
      }
      id = newId();
      jdbc.update("INSERT INTO fb_status_incident (id, incident_key, name, status, component_status, components,"
              + " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
          id, u.incidentKey(), title(u, fallbackTitle), status, u.componentStatus(), String.join("\n", u.components()),
          ts(now), ts(now));
    } else {
      id = existing.get();
      List<String[]> last = jdbc.query("SELECT status, body FROM fb_status_update WHERE status_incident_id = ?"
          + " ORDER BY created_at DESC, id DESC", (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, id);
      boolean same = !last.isEmpty() && last.get(0)[0].equals(status) && last.get(0)[1].equals(u.text());
      if (same && u.title() == null) {
        return false;
      }
      jdbc.update("UPDATE fb_status_incident SET status = ?, updated_at = ?,"
              + " name = COALESCE(?, name), component_status = ?,"
              + " components = CASE WHEN ? = '' THEN components ELSE ? END,"
              + " monitoring_at = CASE WHEN ? AND monitoring_at IS NULL THEN ? ELSE monitoring_at END,"
              + " resolved_at = CASE WHEN ? AND resolved_at IS NULL THEN ? ELSE resolved_at END"
              + " WHERE id = ?",
          status, ts(now), blankToNull(u.title()), u.componentStatus(),
          String.join("\n", u.components()), String.join("\n", u.components()),
          status.equals("monitoring"), ts(now), closing, ts(now), id);
      if (same) {
        return true;
      }
    }
    jdbc.update("INSERT INTO fb_status_update (id, status_incident_id, status, body, created_at) VALUES (?,?,?,?,?)",
        newId(), id, status, u.text(), ts(now));
    return true;
  }

  /** The id of the incident's newest public update, if it was ever public. */
  Optional<String> latestUpdateId(String incidentKey) {
    return jdbc.query("SELECT u.id FROM fb_status_update u JOIN fb_status_incident i ON i.id = u.status_incident_id"
        + " WHERE i.incident_key = ? ORDER BY u.created_at DESC, u.id DESC", (rs, i) -> rs.getString(1), incidentKey)
        .stream().findFirst();
  }

  /** One public update as subscribers read it: only what the page shows. */
  Optional<SubscriberUpdate> subscriberUpdate(String updateId) {
    return jdbc.query("SELECT i.name, u.status, u.body, i.components FROM fb_status_update u"
            + " JOIN fb_status_incident i ON i.id = u.status_incident_id WHERE u.id = ?",
        (rs, n) -> new SubscriberUpdate(false, rs.getString(1), rs.getString(2), rs.getString(3),
            lines(rs.getString(4)), null, null), updateId).stream().findFirst();
  }

  static List<String> lines(String s) {
    return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
  }

  /** Unresolved incidents, newest first, and those resolved since {@code resolvedSince}. */
  List<PublicIncident> incidents(Instant resolvedSince) {
    List<PublicIncident> bare = jdbc.query("SELECT " + COLUMNS + " FROM fb_status_incident"
        + " WHERE resolved_at IS NULL OR resolved_at >= ? ORDER BY created_at DESC", (rs, i) -> map(rs),
        ts(resolvedSince));
    if (bare.isEmpty()) {
      return bare;
    }
    Map<String, List<PublicUpdate>> updates = new LinkedHashMap<>();
    jdbc.query("SELECT u.id, u.status, u.body, u.created_at, u.status_incident_id FROM fb_status_update u"
            + " JOIN fb_status_incident i ON i.id = u.status_incident_id"
            + " WHERE i.resolved_at IS NULL OR i.resolved_at >= ? ORDER BY u.created_at DESC, u.id DESC",
        rs -> {
          updates.computeIfAbsent(rs.getString(5), k -> new ArrayList<>()).add(
              new PublicUpdate(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4))));
        }, ts(resolvedSince));
    return bare.stream().map(p -> new PublicIncident(p.id(), p.name(), p.status(), p.componentStatus(), p.components(),
        p.createdAt(), p.updatedAt(), p.monitoringAt(), p.resolvedAt(), updates.getOrDefault(p.id(), List.of())))
        .toList();
  }

  private static PublicIncident map(ResultSet rs) throws SQLException {
    String components = rs.getString("components");
    return new PublicIncident(rs.getString("id"), rs.getString("name"), rs.getString("status"),
        rs.getString("component_status"),
        components.isEmpty() ? List.of() : Arrays.asList(components.split("\n")),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("monitoring_at")), instant(rs.getTimestamp("resolved_at")), List.of());
  }

  private static String title(StatusPageUpdate u, String fallback) {
    String t = blankToNull(u.title());
    return t == null ? fallback : t;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** A public id: random, so it says nothing about internal keys or how many incidents there were. */
  static String newId() {
    char[] id = new char[12];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
    }
    return new String(id);
  }

  static Timestamp ts(Instant at) {
    return Timestamp.from(at);
  }

  static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
