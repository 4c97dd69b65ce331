package io.firebreak.intake;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Runs one transaction again when it failed for a reason that another attempt can fix: a concurrent
 * claim of the same alert group (unique violation), a lock or serialization failure, the engine's
 * optimistic locking (a job moved the same process instance meanwhile), no free connection. Gives
 * up with {@link Unavailable} (503) after the configured time; anything else is rethrown at once.
 */
final class Retrying {

  private static final Logger log = LoggerFactory.getLogger(Retrying.class);
  /** Serialization failure, deadlock, lock not available, statement timeout (PostgreSQL); lock timeout, concurrent update (H2). */
  private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "57014", "HYT00", "90131");
  private static final String UNIQUE_VIOLATION = "23505";

  /** The work could not be committed in time; the answer is 503 and the sender retries. */
  static class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Retrying() {}

  /** {@code attempt} must be one whole transaction, so that a failed attempt left nothing behind. */
  static <T> T run(Duration retryFor, Supplier<T> attempt) {
    long deadline = System.nanoTime() + retryFor.toNanos();
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        boolean conflict = isUniqueViolation(e);
        if (!conflict && !isTransient(e)) {
          throw e;
        }
        if (System.nanoTime() > deadline) {
          log.warn("Not committed after {} attempts; answering 503", n, e);
          throw new Unavailable("not committed; retry", e);
        }
        log.debug("Attempt {} failed ({}); trying again", n, conflict ? "concurrent claim" : e.toString());
        // A concurrent claim is settled when the other transaction commits: try again soon.
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
      // TransientDataAccessException covers lock failures (CannotAcquireLockException and the other
      // PessimisticLockingFailureExceptions) and QueryTimeoutException; a missing connection is not one.
      if (t instanceof TransientDataAccessException
          || t instanceof CannotGetJdbcConnectionException || t instanceof OptimisticLockingException
          || t instanceof SQLException sql && sql.getSQLState() != null && TRANSIENT_SQL_STATES.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
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
