package io.firebreak.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Table {@code fb_alert_group}: which incident an alert group (Alertmanager {@code groupKey},
 * PagerDuty {@code dedup_key}) belongs to while that incident is not closed. Every method joins the
 * caller's transaction.
 */
@Repository
class AlertGroups {

  /** An open group, locked by this transaction, with the state of its incident. */
  record OpenGroup(long id, String incidentKey, String incidentState) {
    boolean incidentClosed() {
      return "CLOSED".equals(incidentState);
    }
  }

  private final JdbcTemplate jdbc;

  AlertGroups(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Fixed-length key for the unique constraint: SHA-256 of source and key as sent. */
  static String hash(String source, String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest((source + "\u0000" + key).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Locks the open row of the group (an UPDATE, so concurrent deliveries queue behind it on both
   * databases) and returns it, or empty when the group has no open row.
   */
  Optional<OpenGroup> lockOpen(String hash) {
    int rows = jdbc.update("UPDATE fb_alert_group SET last_seen = ? WHERE open_hash = ?", now(), hash);
    if (rows == 0) {
      return Optional.empty();
    }
    return jdbc.query(
        "SELECT g.id, g.incident_key, i.state FROM fb_alert_group g LEFT JOIN fb_incident i"
            + " ON i.incident_key = g.incident_key WHERE g.open_hash = ?",
        (rs, n) -> new OpenGroup(rs.getLong(1), rs.getString(2), rs.getString(3)), hash).stream().findFirst();
  }

  void countAlerts(long id, int alerts) {
    jdbc.update("UPDATE fb_alert_group SET alert_count = alert_count + ? WHERE id = ?", alerts, id);
  }

  /** The group's incident has closed: the next alert of the group starts a new incident. */
  void release(long id) {
    jdbc.update("UPDATE fb_alert_group SET open_hash = NULL WHERE id = ?", id);
  }

  /**
   * Claims the group for a new incident. Throws {@link org.springframework.dao.DuplicateKeyException}
   * when another transaction holds an open row for it (PostgreSQL and H2 wait for that transaction
   * first), which the caller answers by trying again: it will then attach.
   */
  long claim(String source, String hash, String key, int alerts) {
    Timestamp now = now();
    KeyHolder id = new GeneratedKeyHolder();
    jdbc.update(c -> {
      var ps = c.prepareStatement("INSERT INTO fb_alert_group (source, group_hash, group_key, open_hash, alert_count,"
          + " first_seen, last_seen) VALUES (?,?,?,?,?,?,?)", new String[] {"id"});
      ps.setString(1, source);
      ps.setString(2, hash);
      ps.setString(3, key.length() > 500 ? key.substring(0, 500) : key);
      ps.setString(4, hash);
      ps.setInt(5, alerts);
      ps.setTimestamp(6, now);
      ps.setTimestamp(7, now);
      return ps;
    }, id);
    return id.getKey().longValue();
  }

  void assign(long id, String incidentKey) {
    jdbc.update("UPDATE fb_alert_group SET incident_key = ? WHERE id = ?", incidentKey, id);
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }
}
