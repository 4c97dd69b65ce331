package io.firebreak.postmortem;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Action items in {@code fb_action_item}, joined with their incident's title. Writes join the
 * caller's (the engine's) transaction. Times come from the engine clock.
 */
@Repository
public class ActionItemRepository {

  /** Horizon of items assigned as tasks now. */
  static final String NOW = "now";
  /** Horizon of items left for quarterly planning. */
  static final String PLANNING = "planning";
  static final String OPEN = "open";
  static final String DONE = "done";

  /** One action item as the API, the postmortem and the review show it. */
  public record Row(long id, String incidentKey, String incidentTitle, String title, String owner, String kind,
      LocalDate due, String horizon, String status, String processInstanceId, Instant createdAt, Instant completedAt,
      String completedBy, String outcome) {

    public boolean overdue(LocalDate today) {
      return OPEN.equals(status) && due.isBefore(today);
    }
  }

  private static final String SELECT = "SELECT a.id, a.incident_key, i.title AS incident_title, a.title, a.owner, a.kind,"
      + " a.due_date, a.horizon, a.status, a.process_instance_id, a.created_at, a.completed_at, a.completed_by, a.outcome"
      + " FROM fb_action_item a LEFT JOIN fb_incident i ON i.incident_key = a.incident_key";

  private static final RowMapper<Row> MAPPER = (rs, n) -> new Row(rs.getLong("id"), rs.getString("incident_key"),
      rs.getString("incident_title"), rs.getString("title"), rs.getString("owner"), rs.getString("kind"),
      rs.getDate("due_date").toLocalDate(), rs.getString("horizon"), rs.getString("status"),
      rs.getString("process_instance_id"), instant(rs.getTimestamp("created_at")),
      instant(rs.getTimestamp("completed_at")), rs.getString("completed_by"), rs.getString("outcome"));

  private final JdbcTemplate jdbc;

  ActionItemRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String incidentKey, ActionItem item, String horizon) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(con -> {
      PreparedStatement ps = con.prepareStatement(
          "INSERT INTO fb_action_item (incident_key, title, owner, kind, due_date, horizon, status, created_at)"
              + " VALUES (?,?,?,?,?,?,?,?)", new String[] {"id"});
      ps.setString(1, incidentKey);
      ps.setString(2, item.title());
      ps.setString(3, item.owner());
      ps.setString(4, item.kind());
      ps.setDate(5, Date.valueOf(item.due()));
      ps.setString(6, horizon);
      ps.setString(7, OPEN);
      ps.setTimestamp(8, now());
      return ps;
    }, keys);
    return keys.getKey().longValue();
  }

  void assigned(long id, String processInstanceId) {
    jdbc.update("UPDATE fb_action_item SET process_instance_id = ? WHERE id = ?", processInstanceId, id);
  }

  /** Marks an open item done; false when it was done already (a retried step changes nothing). */
  boolean done(long id, String completedBy, String outcome) {
    return jdbc.update("UPDATE fb_action_item SET status = ?, completed_at = ?, completed_by = ?, outcome = ?"
        + " WHERE id = ? AND status = ?", DONE, now(), completedBy, truncate(outcome, 2000), id, OPEN) == 1;
  }

  public Optional<Row> find(long id) {
    return jdbc.query(SELECT + " WHERE a.id = ?", MAPPER, id).stream().findFirst();
  }

  public List<Row> ofIncident(String incidentKey) {
    return jdbc.query(SELECT + " WHERE a.incident_key = ? ORDER BY a.id", MAPPER, incidentKey);
  }

  /** {@code horizon} and {@code status} may be {@code null} for any; ordered by due date. */
  public List<Row> list(String horizon, String status) {
    StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (horizon != null) {
      sql.append(" AND a.horizon = ?");
      args.add(horizon);
    }
    if (status != null) {
      sql.append(" AND a.status = ?");
      args.add(status);
    }
    sql.append(" ORDER BY a.due_date, a.id");
    return jdbc.query(sql.toString(), MAPPER, args.toArray());
  }

  /** Open items whose due date has passed, oldest first. */
  public List<Row> overdue(LocalDate today) {
    return jdbc.query(SELECT + " WHERE a.status = ? AND a.due_date < ? ORDER BY a.due_date, a.id", MAPPER, OPEN,
        Date.valueOf(today));
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
