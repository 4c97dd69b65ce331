package io.firebreak.metrics;

import io.firebreak.incident.ResponseTimes;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineKind;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Incidents with their response moments, read set-wise from the read model (two queries however
 * many incidents), for the review report and the metrics.
 */
@Repository
class ResponseHistory {

  /** One incident as the review and the metrics see it. */
  record IncidentResponse(String key, String title, String severity, String type, String service, String source,
      String state, ResponseTimes times) {}

  private static final String COLUMNS =
      "incident_key, title, severity, incident_type, service, source, state, declared_at, resolved_at";

  private final JdbcTemplate jdbc;

  ResponseHistory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Incidents declared in {@code [from, to)}, oldest first. */
  List<IncidentResponse> declaredBetween(Instant from, Instant to) {
    Timestamp f = Timestamp.from(from);
    Timestamp t = Timestamp.from(to);
    Map<String, List<TimelineEntry>> moments = new HashMap<>();
    jdbc.query("SELECT t.incident_key, t.at, t.kind, t.text FROM fb_timeline t JOIN fb_incident i"
            + " ON i.incident_key = t.incident_key WHERE i.declared_at >= ? AND i.declared_at < ?"
            + " AND t.kind IN ('" + String.join("', '", ResponseTimes.KINDS.stream().map(TimelineKind::name).toList())
            + "') ORDER BY t.at, t.id",
        rs -> {
          moments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new TimelineEntry(rs.getTimestamp(2).toInstant(), rs.getString(3), null, rs.getString(4)));
        }, f, t);
    Map<String, IncidentResponse> result = new LinkedHashMap<>();
    jdbc.query("SELECT " + COLUMNS + " FROM fb_incident WHERE declared_at >= ? AND declared_at < ?"
            + " ORDER BY declared_at, incident_number",
        rs -> {
          String key = rs.getString("incident_key");
          Timestamp resolved = rs.getTimestamp("resolved_at");
          ResponseTimes times = ResponseTimes.of(rs.getTimestamp("declared_at").toInstant(),
              resolved == null ? null : resolved.toInstant(), moments.getOrDefault(key, List.of()));
          result.put(key, new IncidentResponse(key, rs.getString("title"), rs.getString("severity"),
              rs.getString("incident_type"), rs.getString("service"), rs.getString("source"), rs.getString("state"),
              times));
        }, f, t);
    return new ArrayList<>(result.values());
  }

  /** Open incidents by severity ({@code null} severity: not classified yet). */
  Map<String, Long> openBySeverity() {
    Map<String, Long> counts = new HashMap<>();
    jdbc.query("SELECT severity, COUNT(*) FROM fb_incident WHERE state = 'OPEN' GROUP BY severity",
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        });
    return counts;
  }

  /** How many timeline lines of each of these kinds there are. */
  Map<TimelineKind, Long> timelineCounts(List<TimelineKind> kinds) {
    Map<TimelineKind, Long> counts = new EnumMap<>(TimelineKind.class);
    kinds.forEach(k -> counts.put(k, 0L));
    String in = String.join(",", kinds.stream().map(k -> "?").toList());
    jdbc.query("SELECT kind, COUNT(*) FROM fb_timeline WHERE kind IN (" + in + ") GROUP BY kind",
        rs -> {
          counts.put(TimelineKind.valueOf(rs.getString(1)), rs.getLong(2));
        }, kinds.stream().map(TimelineKind::name).toArray());
    return counts;
  }

  /** Response totals over all incidents, as {@link ResponseTimes} defines the moments; summed in the database. */
  record Totals(long declared, long acknowledged, double ackSeconds, long resolved, double resolveSeconds) {}

  /**
   * One query however long the history: the first acknowledgement and the resolution (the recorded
   * {@code resolved_at}, else the first resolved phase line, also in its legacy wording) per incident,
   * summed as seconds since the declaration. {@code EXTRACT(EPOCH FROM …)} reads the same on H2 and
   * PostgreSQL.
   */
  Totals totals() {
    String resolved = "COALESCE(i.resolved_at, r.first_resolved)";
    return jdbc.queryForObject("SELECT COUNT(*), COUNT(a.first_ack),"
            + " COALESCE(SUM(EXTRACT(EPOCH FROM a.first_ack) - EXTRACT(EPOCH FROM i.declared_at)), 0),"
            + " COUNT(" + resolved + "),"
            + " COALESCE(SUM(EXTRACT(EPOCH FROM " + resolved + ") - EXTRACT(EPOCH FROM i.declared_at)), 0)"
            + " FROM fb_incident i"
            + " LEFT JOIN (SELECT incident_key, MIN(at) AS first_ack FROM fb_timeline WHERE kind = ?"
            + " GROUP BY incident_key) a ON a.incident_key = i.incident_key"
            + " LEFT JOIN (SELECT incident_key, MIN(at) AS first_resolved FROM fb_timeline"
            + " WHERE kind = ? OR (kind = ? AND text LIKE ?) GROUP BY incident_key) r ON r.incident_key = i.incident_key",
        (rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4), rs.getDouble(5)),
        TimelineKind.ACKNOWLEDGED.name(), TimelineKind.PHASE_RESOLVED.name(), TimelineKind.PHASE.name(),
        ResponseTimes.LEGACY_RESOLVED + "%");
  }
}
