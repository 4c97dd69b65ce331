package io.firebreak.incident;

import io.firebreak.incident.Incident.Phase;
import io.firebreak.incident.Incident.Roles;
import io.firebreak.incident.Incident.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Repository;

/**
 * Firebreak's read model of incidents and their timelines. Every write joins the caller's
 * transaction, which inside a delegate is the engine's: the row and the process move together.
 * Times come from the engine clock so that process tests that move the clock see consistent times.
 */
@Repository
public class IncidentRepository {

  private static final String COLUMNS =
      "incident_key, incident_number, title, description, service, incident_type, proposed_severity, severity,"
          + " customer_impact, reporter, source, state, phase, full_response, incident_commander, comms_lead,"
          + " scribe, customer_liaison, channel_name, process_instance_id, declared_at, resolved_at, closed_at";

  private final JdbcTemplate jdbc;
  private final String nextNumberSql;

  IncidentRepository(JdbcTemplate jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.nextNumberSql = nextNumberSql(dataSource);
  }

  private static String nextNumberSql(DataSource dataSource) {
    try {
      String product = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName());
      return product.toLowerCase(Locale.ROOT).contains("postgres")
          ? "SELECT nextval('fb_incident_number')"
          : "SELECT NEXT VALUE FOR fb_incident_number";
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the database product name", e);
    }
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Allocates the next incident number; numbers only grow (a rolled-back one is skipped). */
  long nextNumber() {
    Long n = jdbc.queryForObject(nextNumberSql, Long.class);
    return n;
  }

  void insert(NewIncident incident) {
    Timestamp now = Timestamp.from(now());
    jdbc.update(
        "INSERT INTO fb_incident (incident_key, incident_number, title, description, service, incident_type,"
            + " proposed_severity, customer_impact, reporter, source, state, phase, process_instance_id,"
            + " declared_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        incident.key(), incident.number(), incident.title(), incident.description(), incident.service(),
        incident.type(), incident.proposedSeverity(), incident.customerImpact(), incident.reporter(),
        incident.source(), State.OPEN.name(), Phase.DECLARED.name(), incident.processInstanceId(), now, now);
  }

  /** What {@link #insert} needs; the rest of the row is filled in as the response moves. */
  record NewIncident(
      String key,
      long number,
      String title,
      String description,
      String service,
      String type,
      String proposedSeverity,
      boolean customerImpact,
      String reporter,
      String source,
      String processInstanceId) {}

  public Optional<Incident> find(String key) {
    return jdbc.query("SELECT " + COLUMNS + " FROM fb_incident WHERE incident_key = ?", MAPPER, key).stream()
        .findFirst();
  }

  /** Newest first; {@code state} may be {@code null} for all. */
  public List<Incident> list(State state, int limit) {
    return list(state, limit, 0);
  }

  /** Newest first, skipping the {@code offset} newest; {@code state} may be {@code null} for all. */
  public List<Incident> list(State state, int limit, int offset) {
    if (state == null) {
      return jdbc.query(
          "SELECT " + COLUMNS + " FROM fb_incident ORDER BY incident_number DESC LIMIT ? OFFSET ?", MAPPER, limit,
          offset);
    }
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM fb_incident WHERE state = ? ORDER BY incident_number DESC LIMIT ? OFFSET ?",
        MAPPER, state.name(), limit, offset);
  }

  void updateClassification(String key, String severity, boolean fullResponse) {
    update(key, "severity = ?, full_response = ?", severity, fullResponse);
  }

  void updateSeverity(String key, String severity) {
    update(key, "severity = ?", severity);
  }

  void updateTriage(String key, String type, boolean customerImpact, Roles roles) {
    update(key,
        "incident_type = ?, customer_impact = ?, incident_commander = ?, comms_lead = ?, scribe = ?, customer_liaison = ?",
        type, customerImpact, roles.incidentCommander(), roles.commsLead(), roles.scribe(), roles.customerLiaison());
  }

  /** The incident commander changed after triage (Slack {@code /incident ic}). */
  void updateIncidentCommander(String key, String user) {
    update(key, "incident_commander = ?", user);
  }

  /**
   * The incident whose channel a Slack command was typed in: by the channel's Slack id when Slack
   * opened it (Slack sends {@code channel_name} "privategroup" from some private channels, and names
   * can be reused), else by name (Slack not configured, or a channel from before ids were kept).
   */
  public Optional<Incident> findByChannel(String channelId, String channelName) {
    if (channelId != null && !channelId.isBlank()) {
      Optional<Incident> byId = jdbc.query("SELECT " + COLUMNS + " FROM fb_incident WHERE channel_id = ?"
          + " ORDER BY incident_number DESC", MAPPER, channelId).stream().findFirst();
      if (byId.isPresent()) {
        return byId;
      }
    }
    return jdbc.query("SELECT " + COLUMNS + " FROM fb_incident WHERE channel_name = ? ORDER BY incident_number DESC",
        MAPPER, channelName).stream().findFirst();
  }

  /** Records the incident channel: its name as people see it and, when Slack made it, its id. */
  public void updateChannel(String key, String channelName, String channelId) {
    update(key, "channel_name = ?, channel_id = ?", channelName, channelId);
  }

  /** The Slack id of the incident channel, when Slack opened one. */
  public Optional<String> channelId(String key) {
    return jdbc.query("SELECT channel_id FROM fb_incident WHERE incident_key = ?",
        (rs, i) -> rs.getString(1), key).stream().filter(java.util.Objects::nonNull).findFirst();
  }

  void updatePhase(String key, Phase phase) {
    switch (phase) {
      case RESOLVED -> update(key, "phase = ?, state = ?, resolved_at = ?", phase.name(), State.RESOLVED.name(),
          Timestamp.from(now()));
      case CLOSED -> update(key, "phase = ?, state = ?, closed_at = ?", phase.name(), State.CLOSED.name(),
          Timestamp.from(now()));
      default -> update(key, "phase = ?", phase.name());
    }
  }

  private void update(String key, String assignments, Object... values) {
    Object[] args = new Object[values.length + 2];
    System.arraycopy(values, 0, args, 0, values.length);
    args[values.length] = Timestamp.from(now());
    args[values.length + 1] = key;
    int rows = jdbc.update("UPDATE fb_incident SET " + assignments + ", updated_at = ? WHERE incident_key = ?", args);
    if (rows != 1) {
      throw new IllegalStateException("no incident " + key + " in the read model");
    }
  }

  /** Appends to the timeline; {@code actor} is a user id, or a system such as {@code slack}. */
  public void addTimeline(String key, TimelineKind kind, String actor, String text) {
    addModelTimeline(key, kind.name(), actor, text);
  }

  /** Appends a line of a kind a model named ({@link IncidentTimeline#note}), stored as given. */
  void addModelTimeline(String key, String kind, String actor, String text) {
    jdbc.update("INSERT INTO fb_timeline (incident_key, at, kind, actor, text) VALUES (?,?,?,?,?)",
        key, Timestamp.from(now()), kind, actor, truncate(text, 4000));
  }

  public List<TimelineEntry> timeline(String key) {
    return jdbc.query(
        "SELECT at, kind, actor, text FROM fb_timeline WHERE incident_key = ? ORDER BY at, id",
        (rs, i) -> new TimelineEntry(rs.getTimestamp("at").toInstant(), rs.getString("kind"), rs.getString("actor"),
            rs.getString("text")),
        key);
  }

  /** Within the column (UTF-16 units), never cutting a character in half. */
  private static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
    return text.substring(0, end) + "…";
  }

  private static final RowMapper<Incident> MAPPER = IncidentRepository::map;

  private static Incident map(ResultSet rs, int rowNum) throws SQLException {
    return new Incident(
        rs.getString("incident_key"),
        rs.getLong("incident_number"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("service"),
        rs.getString("incident_type"),
        rs.getString("proposed_severity"),
        rs.getString("severity"),
        rs.getBoolean("customer_impact"),
        rs.getString("reporter"),
        rs.getString("source"),
        State.valueOf(rs.getString("state")),
        Phase.valueOf(rs.getString("phase")),
        (Boolean) rs.getObject("full_response"),
        new Roles(rs.getString("incident_commander"), rs.getString("comms_lead"), rs.getString("scribe"),
            rs.getString("customer_liaison")),
        rs.getString("channel_name"),
        rs.getString("process_instance_id"),
        instant(rs.getTimestamp("declared_at")),
        instant(rs.getTimestamp("resolved_at")),
        instant(rs.getTimestamp("closed_at")));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
