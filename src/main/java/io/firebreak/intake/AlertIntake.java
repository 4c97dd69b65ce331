package io.firebreak.intake;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentDeclaration;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentService;
import io.firebreak.incident.IncidentService.IncidentConflictException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns alerts into incidents, one per alert group: the first firing delivery of a group declares an
 * incident, later ones attach to it until it closes; resolved deliveries signal {@code AlertResolved}
 * to it; acknowledgements acknowledge its page. Each delivery is one transaction (the
 * {@code fb_alert_group} row, the declaration through the engine, the timeline) and the caller
 * answers only after it committed. A concurrent claim of the same group or a transient database
 * failure is retried here for up to {@code firebreak.intake.limits.retry-for}; after that the
 * caller answers 503 and the sender retries.
 */
@Service
class AlertIntake {

  private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);
  /** SQL states worth another attempt: serialization failure, deadlock, lock not available, H2 lock timeout / concurrent update. */
  private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "HYT00", "90131", "57014");
  private static final String UNIQUE_VIOLATION = "23505";

  /** What happened to an incident because of a delivery. */
  record Touched(String key, String action) {
    static final String CREATED = "created";
    static final String ATTACHED = "attached";
    static final String RESOLVED_SIGNAL = "resolved-signal";
    static final String ACKNOWLEDGED = "acknowledged";
  }

  /**
   * One delivery of a group's alerts.
   *
   * @param source {@code alertmanager} (Grafana too) or {@code pagerduty}: its own key space
   * @param groupKey the sender's group or dedup key
   * @param declaration what to declare when the group has no open incident
   * @param actor who sent it, for the timeline
   * @param notes one timeline line per alert (what, when, link)
   */
  record Delivery(String source, String groupKey, IncidentDeclaration declaration, String actor, List<String> notes) {}

  /** Raised when the delivery could not be committed in time; the answer is 503. */
  static class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final AlertGroups groups;
  private final IncidentService incidentService;
  private final IncidentRepository incidents;
  private final TransactionTemplate tx;
  private final IntakeProperties limits;

  AlertIntake(AlertGroups groups, IncidentService incidentService, IncidentRepository incidents,
      PlatformTransactionManager transactionManager, IntakeProperties limits) {
    this.groups = groups;
    this.incidentService = incidentService;
    this.incidents = incidents;
    this.tx = new TransactionTemplate(transactionManager);
    this.limits = limits;
  }

  /** Firing: declare an incident for the group, or attach to the one that is not closed yet. */
  Touched fire(Delivery delivery) {
    IncidentDeclaration declaration = delivery.declaration().validated();
    String hash = AlertGroups.hash(delivery.source(), delivery.groupKey());
    int alerts = Math.max(1, delivery.notes().size());
    return retrying(() -> tx.execute(status -> {
      Optional<AlertGroups.OpenGroup> open = groups.lockOpen(hash);
      if (open.isPresent() && !open.get().incidentClosed()) {
        groups.countAlerts(open.get().id(), alerts);
        record(open.get().incidentKey(), "ALERT", delivery, "attached");
        return new Touched(open.get().incidentKey(), Touched.ATTACHED);
      }
      open.ifPresent(closed -> groups.release(closed.id()));
      long id = groups.claim(delivery.source(), hash, delivery.groupKey(), alerts);
      Incident incident = incidentService.declare(declaration);
      groups.assign(id, incident.key());
      record(incident.key(), "ALERT", delivery, "declared this incident");
      return new Touched(incident.key(), Touched.CREATED);
    }));
  }

  /** Resolved: tell the group's incident (it suggests resolution to the IC); empty when it has none open. */
  Optional<Touched> resolve(Delivery delivery) {
    String hash = AlertGroups.hash(delivery.source(), delivery.groupKey());
    return retrying(() -> tx.execute(status -> {
      Optional<AlertGroups.OpenGroup> open = groups.lockOpen(hash).filter(g -> !g.incidentClosed());
      if (open.isEmpty()) {
        return Optional.<Touched>empty();
      }
      String key = open.get().incidentKey();
      boolean suggested = incidentService.signalAlertResolved(key);
      record(key, "ALERT_RESOLVED", delivery, suggested
          ? "resolved; resolution suggested to the incident commander"
          : "resolved; nothing suggested, the incident is not remediating (" + phase(key) + ")");
      return Optional.of(new Touched(key, Touched.RESOLVED_SIGNAL));
    }));
  }

  /** Acknowledge: acknowledge the page of the group's incident; empty when it has none open. */
  Optional<Touched> acknowledge(Delivery delivery) {
    String hash = AlertGroups.hash(delivery.source(), delivery.groupKey());
    return retrying(() -> tx.execute(status -> {
      Optional<AlertGroups.OpenGroup> open = groups.lockOpen(hash).filter(g -> !g.incidentClosed());
      if (open.isEmpty()) {
        return Optional.<Touched>empty();
      }
      String key = open.get().incidentKey();
      try {
        incidentService.acknowledgePage(key, delivery.actor(), delivery.source());
      } catch (IncidentConflictException e) {
        // Checked before anything was sent, so the transaction is intact.
        record(key, "ALERT_ACKNOWLEDGED", delivery, "acknowledged, but " + e.getMessage());
      }
      return Optional.of(new Touched(key, Touched.ACKNOWLEDGED));
    }));
  }

  private String phase(String key) {
    return incidents.find(key).map(i -> i.phase().label()).orElse("unknown");
  }

  private void record(String key, String kind, Delivery delivery, String what) {
    List<String> notes = delivery.notes().isEmpty() ? List.of("") : delivery.notes();
    for (String note : notes) {
      incidents.addTimeline(key, kind, truncate(delivery.actor(), 100), truncate(
          delivery.source() + " alert " + what + (note.isEmpty() ? "" : ": " + note), 4000));
    }
  }

  private <T> T retrying(Supplier<T> attempt) {
    long deadline = System.nanoTime() + limits.retryFor().toNanos();
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        boolean conflict = isUniqueViolation(e);
        if (!conflict && !isTransient(e)) {
          throw e;
        }
        if (System.nanoTime() > deadline) {
          log.warn("Alert delivery not committed after {} attempts; answering 503", n, e);
          throw new Unavailable("the delivery could not be committed; retry", e);
        }
        if (!conflict) {
          log.debug("Transient failure on attempt {}; retrying", n, e);
        }
        sleep(conflict ? 1 + ThreadLocalRandom.current().nextInt(10)
            : Math.min(500, 10L << Math.min(n, 6)) + ThreadLocalRandom.current().nextInt(20));
      }
    }
  }

  static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DuplicateKeyException
          || t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TransientDataAccessException || t instanceof PessimisticLockingFailureException
          || t instanceof CannotAcquireLockException || t instanceof QueryTimeoutException
          || t instanceof CannotGetJdbcConnectionException || t instanceof OptimisticLockingException
          || t instanceof SQLException sql && sql.getSQLState() != null && TRANSIENT_SQL_STATES.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted", e);
    }
  }
}
