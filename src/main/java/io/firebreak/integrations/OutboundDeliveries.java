package io.firebreak.integrations;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery record of outbound calls ({@code fb_outbound_delivery}): the marker that keeps a
 * retried step from calling twice, and the webhook delivery log.
 *
 * <p>Every write runs in a transaction of its own ({@code REQUIRES_NEW}), committed whatever the
 * step's job then does: the attempt is recorded before the call ({@link State#SENDING}), its outcome
 * after. A job retried after a timeout therefore knows that an earlier attempt may have landed.
 */
@Component
class OutboundDeliveries {

  enum State { SENDING, DELIVERED, REJECTED }

  /** What an earlier attempt left: its state and the result it kept (JSON of the kept variables). */
  record Earlier(State state, int attempts, String result) {}

  /** One row of the log. */
  record Delivery(String key, String incidentKey, String target, String event, State state, int attempts,
      Integer httpStatus, String lastError) {}

  /** One row of the log as operators read it ({@code GET /api/integrations/deliveries}). */
  record LogEntry(String incidentKey, String target, String event, State state, int attempts, Integer httpStatus,
      String lastError, Timestamp firstAttemptAt, Timestamp lastAttemptAt) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate own;

  OutboundDeliveries(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The key of the step now executing: process instance, element and its async job (the job keeps
   * its id across retries, a Cockpit retry included; a second pass through the element gets a new job).
   */
  static String stepKey(DelegateExecution execution) {
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    String base = execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId();
    return job != null && execution.getCurrentActivityId().equals(job.getActivityId())
        ? base + ":" + job.getId() : base;
  }

  Optional<Earlier> find(String key) {
    return own.execute(status -> jdbc.query(
        "SELECT state, attempts, result FROM fb_outbound_delivery WHERE delivery_key = ?",
        (rs, i) -> new Earlier(State.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3)), key)
        .stream().findFirst());
  }

  /** Records that an attempt starts now (committed before the call is made). */
  void sending(String key, String incidentKey, String target, String event) {
    Timestamp now = now();
    own.executeWithoutResult(status -> {
      int updated = jdbc.update("UPDATE fb_outbound_delivery SET state = ?, attempts = attempts + 1,"
          + " last_attempt_at = ? WHERE delivery_key = ?", State.SENDING.name(), now, key);
      if (updated == 0) {
        jdbc.update("INSERT INTO fb_outbound_delivery (delivery_key, incident_key, target, event, state, attempts,"
            + " first_attempt_at, last_attempt_at) VALUES (?,?,?,?,?,1,?,?)",
            key, incidentKey, truncate(target, 300), event, State.SENDING.name(), now, now);
      }
    });
  }

  /** Records the outcome: delivered with what it kept, rejected, or still unknown (state stays SENDING). */
  void outcome(String key, State state, Integer httpStatus, String result, String error) {
    own.executeWithoutResult(status -> jdbc.update("UPDATE fb_outbound_delivery SET state = ?, http_status = ?,"
        + " result = COALESCE(?, result), last_error = ? WHERE delivery_key = ?",
        state.name(), httpStatus, result == null ? null : truncate(result, 4000), truncate(error, 500), key));
  }

  List<Delivery> log(String incidentKey) {
    return jdbc.query("SELECT delivery_key, incident_key, target, event, state, attempts, http_status, last_error"
        + " FROM fb_outbound_delivery WHERE incident_key = ? ORDER BY first_attempt_at, delivery_key",
        (rs, i) -> new Delivery(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            State.valueOf(rs.getString(5)), rs.getInt(6), (Integer) rs.getObject(7), rs.getString(8)), incidentKey);
  }

  /** Newest first; {@code incidentKey} and {@code state} narrow it when given. */
  List<LogEntry> recent(String incidentKey, State state, int limit) {
    StringBuilder sql = new StringBuilder("SELECT incident_key, target, event, state, attempts, http_status,"
        + " last_error, first_attempt_at, last_attempt_at FROM fb_outbound_delivery WHERE 1 = 1");
    List<Object> args = new java.util.ArrayList<>();
    if (incidentKey != null) {
      sql.append(" AND incident_key = ?");
      args.add(incidentKey);
    }
    if (state != null) {
      sql.append(" AND state = ?");
      args.add(state.name());
    }
    sql.append(" ORDER BY last_attempt_at DESC, delivery_key LIMIT ?");
    args.add(limit);
    return jdbc.query(sql.toString(), (rs, i) -> new LogEntry(rs.getString(1), rs.getString(2), rs.getString(3),
        State.valueOf(rs.getString(4)), rs.getInt(5), (Integer) rs.getObject(6), rs.getString(7),
        rs.getTimestamp(8), rs.getTimestamp(9)), args.toArray());
  }

  /**
   * Forgets finished deliveries (delivered or rejected) last tried before {@code before}. A row still
   * {@code SENDING} is kept whatever its age: it is what stops a retry from calling twice.
   */
  int forgetFinishedBefore(Timestamp before) {
    return jdbc.update("DELETE FROM fb_outbound_delivery WHERE state <> ? AND last_attempt_at < ?",
        State.SENDING.name(), before);
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
