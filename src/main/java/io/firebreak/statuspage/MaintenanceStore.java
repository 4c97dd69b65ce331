package io.firebreak.statuspage;

import static io.firebreak.statuspage.PublicStatusStore.instant;
import static io.firebreak.statuspage.PublicStatusStore.newId;
import static io.firebreak.statuspage.PublicStatusStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
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

/** Planned maintenance as the page shows it (tables {@code fb_maintenance}, {@code fb_maintenance_update}). */
@Repository
class MaintenanceStore {

  record PublicMaintenance(String id, String name, String status, List<String> components, Instant scheduledFor,
      Instant scheduledUntil, Instant createdAt, Instant updatedAt, Instant startedAt, Instant completedAt,
      Instant cancelledAt, List<PublicStatusStore.PublicUpdate> updates) {

    boolean upcoming() {
      return status.equals("scheduled");
    }

    boolean active() {
      return status.equals("in_progress") || status.equals("verifying");
    }
  }


  private final JdbcTemplate jdbc;

  MaintenanceStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Announces a maintenance as scheduled; a second call for the same key (a retried step) changes nothing. */
  @Transactional
  boolean schedule(String key, String name, List<String> components, Instant from, Instant until, String body,
      Instant now) {
    if (idOf(key).isPresent()) {
      return false;
    }
    String id = newId();
    jdbc.update("INSERT INTO fb_maintenance (id, maintenance_key, name, status, components, scheduled_for,"
            + " scheduled_until, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
        id, key, name, "scheduled", String.join("\n", components), ts(from), ts(until), ts(now), ts(now));
    addUpdate(id, "scheduled", body, now);
    return true;
  }

  /**
   * Moves a maintenance to {@code status} (in_progress, verifying, completed) with a public update;
   * {@code cancelled} completes it as cancelled. Unknown (never announced), already there or
   * already completed: nothing changes.
   */
  @Transactional
  boolean advance(String key, String status, String body, Instant now) {
    Optional<String[]> row = jdbc.query("SELECT id, status FROM fb_maintenance WHERE maintenance_key = ?",
        (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, key).stream().findFirst();
    boolean cancel = status.equals("cancelled");
    String target = cancel ? "completed" : status;
    if (row.isEmpty() || row.get()[1].equals("completed") || row.get()[1].equals(target)) {
      return false;
    }
    String id = row.get()[0];
    jdbc.update("UPDATE fb_maintenance SET status = ?, updated_at = ?,"
            + " started_at = CASE WHEN ? AND started_at IS NULL THEN ? ELSE started_at END,"
            + " completed_at = CASE WHEN ? THEN ? ELSE completed_at END,"
            + " cancelled_at = CASE WHEN ? THEN ? ELSE cancelled_at END WHERE id = ?",
        target, ts(now), target.equals("in_progress"), ts(now), target.equals("completed"), ts(now), cancel, ts(now),
        id);
    addUpdate(id, target, body, now);
    return true;
  }

  /** The id of the maintenance's newest public update, if it was announced. */
  Optional<String> latestUpdateId(String key) {
    return jdbc.query("SELECT u.id FROM fb_maintenance_update u JOIN fb_maintenance m ON m.id = u.maintenance_id"
        + " WHERE m.maintenance_key = ? ORDER BY u.created_at DESC, u.id DESC", (rs, i) -> rs.getString(1), key)
        .stream().findFirst();
  }

  /** One public update as subscribers read it: only what the page shows. */
  Optional<SubscriberUpdate> subscriberUpdate(String updateId) {
    return jdbc.query("SELECT m.name, u.status, u.body, m.components, m.scheduled_for, m.scheduled_until,"
            + " m.cancelled_at FROM fb_maintenance_update u JOIN fb_maintenance m ON m.id = u.maintenance_id"
            + " WHERE u.id = ?",
        (rs, n) -> new SubscriberUpdate(true, rs.getString(1),
            rs.getTimestamp(7) != null && rs.getString(2).equals("completed") ? "cancelled" : rs.getString(2),
            rs.getString(3), PublicStatusStore.lines(rs.getString(4)), instant(rs.getTimestamp(5)),
            instant(rs.getTimestamp(6))), updateId).stream().findFirst();
  }

  /** Whether one of these components is under a maintenance that has started and is not completed. */
  boolean underMaintenance(List<String> components, Instant now) {
    if (components.isEmpty()) {
      return false;
    }
    return jdbc.query("SELECT components FROM fb_maintenance WHERE status <> 'completed' AND scheduled_for <= ?",
        (rs, i) -> Arrays.asList(rs.getString(1).split("\n")), ts(now)).stream()
        .anyMatch(c -> c.stream().anyMatch(components::contains));
  }

  /** Every maintenance not completed, and those completed since {@code completedSince}; soonest first. */
  List<PublicMaintenance> maintenances(Instant completedSince) {
    List<PublicMaintenance> bare = jdbc.query("SELECT * FROM fb_maintenance WHERE completed_at IS NULL"
        + " OR completed_at >= ? ORDER BY scheduled_for, id", (rs, i) -> map(rs), ts(completedSince));
    if (bare.isEmpty()) {
      return bare;
    }
    Map<String, List<PublicStatusStore.PublicUpdate>> updates = new LinkedHashMap<>();
    jdbc.query("SELECT u.id, u.status, u.body, u.created_at, u.maintenance_id FROM fb_maintenance_update u"
            + " JOIN fb_maintenance m ON m.id = u.maintenance_id"
            + " WHERE m.completed_at IS NULL OR m.completed_at >= ? ORDER BY u.created_at DESC, u.id DESC",
        rs -> {
          updates.computeIfAbsent(rs.getString(5), k -> new ArrayList<>()).add(new PublicStatusStore.PublicUpdate(
              rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4))));
        }, ts(completedSince));
    return bare.stream().map(m -> new PublicMaintenance(m.id(), m.name(), m.status(), m.components(),
        m.scheduledFor(), m.scheduledUntil(), m.createdAt(), m.updatedAt(), m.startedAt(), m.completedAt(),
        m.cancelledAt(), updates.getOrDefault(m.id(), List.of()))).toList();
  }

  private Optional<String> idOf(String key) {
    return jdbc.query("SELECT id FROM fb_maintenance WHERE maintenance_key = ?", (rs, i) -> rs.getString(1), key)
        .stream().findFirst();
  }

  private void addUpdate(String id, String status, String body, Instant now) {
    jdbc.update("INSERT INTO fb_maintenance_update (id, maintenance_id, status, body, created_at) VALUES (?,?,?,?,?)",
        newId(), id, status, body, ts(now));
  }

  private static PublicMaintenance map(ResultSet rs) throws SQLException {
    String components = rs.getString("components");
    return new PublicMaintenance(rs.getString("id"), rs.getString("name"), rs.getString("status"),
        components.isEmpty() ? List.of() : Arrays.asList(components.split("\n")),
        instant(rs.getTimestamp("scheduled_for")), instant(rs.getTimestamp("scheduled_until")),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("completed_at")),
        instant(rs.getTimestamp("cancelled_at")), List.of());
  }

}
