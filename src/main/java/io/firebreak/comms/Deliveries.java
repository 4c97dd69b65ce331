package io.firebreak.comms;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes every outside delivery (a Slack channel, message or invitation, an email, one DM of a page)
 * happen at most once per step, however often the step's job is retried.
 *
 * <p>A job's transaction can roll back after Slack or SMTP already accepted the call (a later
 * element of the same transaction fails, the node dies before commit). So the marker cannot live in
 * that transaction: it is written in a transaction of its own ({@code REQUIRES_NEW}) straight after
 * the call succeeded, and checked before the call. What the call returned (channel id, message
 * ts, Message-ID) is stored with it, so a retry carries on with the same channel.
 *
 * <p>The step key is the id of the async job that runs the step: Camunda keeps the same job (and id)
 * across retries, including a retry from Cockpit, while a second pass through the same element
 * (a loop, a new update) gets a new job. The remaining window, a crash between the call and the
 * marker's commit, is covered for channels by reusing a channel whose name is taken.
 */
@Component
public class Deliveries {

  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
  private static final int MAX_KEY = 300;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;

  Deliveries(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The key of the step now executing: its async job when it has one (stable across retries),
   * else process instance and element.
   */
  public String stepKey(DelegateExecution execution) {
    // The job this command executes (set for the job executor and for executeJob alike): no query,
    // and exact for a multi-instance step, whose instances each have a job of the same element.
    CommandContext command = Context.getCommandContext();
    JobEntity job = command == null ? null : command.getCurrentJob();
    if (job != null && execution.getCurrentActivityId().equals(job.getActivityId())) {
      return "job:" + job.getId();
    }
    // Not an async step (a step running on in an earlier step's job, or a test calling it directly):
    // the element in its process.
    return "pi:" + execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId();
  }

  /**
   * Runs {@code delivery} unless this step already delivered {@code what}; returns what the
   * delivery returned then or now.
   */
  public String once(String incidentKey, String stepKey, String what, Supplier<String> delivery) {
    String key = key(stepKey + "/" + what);
    Optional<String> done = find(key);
    if (done.isPresent()) {
      log.info("{}: {} already delivered ({}), not sending again", incidentKey, what, key);
      return done.get().isEmpty() ? null : done.get();
    }
    String outer = CURRENT.get();
    CURRENT.set(key);
    String result;
    try {
      result = delivery.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
    record(incidentKey, key, result);
    return result;
  }

  /**
   * Inside {@link #once}: one part of the delivery with its own marker, so that a retry after a
   * partial failure (two of five people paged) resumes where it stopped. Outside, just runs it.
   */
  public String part(String incidentKey, String what, Supplier<String> delivery) {
    String parent = CURRENT.get();
    return parent == null ? delivery.get() : once(incidentKey, parent, what, delivery);
  }

  /** Runs {@code delivery} as a part (see {@link #part}) when it returns nothing. */
  public void part(String incidentKey, String what, Runnable delivery) {
    part(incidentKey, what, () -> {
      delivery.run();
      return null;
    });
  }

  private Optional<String> find(String key) {
    return jdbc.query("SELECT result FROM fb_delivery WHERE delivery_key = ?",
        (rs, i) -> Optional.ofNullable(rs.getString(1)).orElse(""), key).stream().findFirst();
  }

  private void record(String incidentKey, String key, String result) {
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.update(
          "INSERT INTO fb_delivery (delivery_key, incident_key, result, delivered_at) VALUES (?,?,?,?)",
          key, incidentKey, result == null ? "" : truncate(result), new Timestamp(ClockUtil.getCurrentTime().getTime())));
    } catch (DuplicateKeyException e) {
      // Another attempt recorded the same delivery; the first marker stands.
      log.warn("{}: delivery {} was recorded already", incidentKey, key);
    }
  }

  private static String key(String key) {
    return key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY - 17) + "#" + Integer.toHexString(key.hashCode());
  }

  private static String truncate(String result) {
    return result.length() <= 500 ? result : result.substring(0, 500);
  }
}
