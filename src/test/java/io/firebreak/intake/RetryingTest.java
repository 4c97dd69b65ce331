package io.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Which failures another attempt can fix, and the 503 once the time is up. */
class RetryingTest {

  @Test
  void transientFailuresAreRetriedUntilTheWorkCommits() {
    AtomicInteger attempts = new AtomicInteger();
    RuntimeException[] failures = {
        new CannotAcquireLockException("lock timeout"),
        new DuplicateKeyException("concurrent claim of the alert group"),
        new OptimisticLockingException("a job moved the process instance"),
        // How a serialization failure inside the engine arrives: wrapped, with the SQL state below.
        new ProcessEngineException("flush failed", new SQLException("could not serialize access", "40001")),
        new ProcessEngineException("flush failed", new SQLException("deadlock detected", "40P01")),
        new ProcessEngineException("flush failed", new SQLException("Timeout trying to lock table", "HYT00")),
    };
    String result = Retrying.run(Duration.ofSeconds(10), () -> {
      int n = attempts.getAndIncrement();
      if (n < failures.length) {
        throw failures[n];
      }
      return "committed";
    });
    assertThat(result).isEqualTo("committed");
    assertThat(attempts).hasValue(failures.length + 1);
  }

  @Test
  void otherFailuresAreNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> Retrying.run(Duration.ofSeconds(10), () -> {
      attempts.incrementAndGet();
      throw new DataIntegrityViolationException("value too long", new SQLException("too long", "22001"));
    })).isInstanceOf(DataIntegrityViolationException.class);
    assertThat(attempts).hasValue(1);
    assertThat(Retrying.isTransient(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void timeoutsAndAMissingConnectionAreTransientToo() {
    assertThat(Retrying.isTransient(new QueryTimeoutException("statement timeout"))).isTrue();
    assertThat(Retrying.isTransient(new PessimisticLockingFailureException("lock not available"))).isTrue();
    assertThat(Retrying.isTransient(new CannotGetJdbcConnectionException("pool exhausted"))).isTrue();
  }

  @Test
  void afterTheRetryTimeTheAnswerIs503WithRetryAfter() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> Retrying.run(Duration.ofMillis(200), () -> {
      attempts.incrementAndGet();
      throw new CannotAcquireLockException("held elsewhere", new SQLTransientConnectionException("x", "55P03"));
    })).isInstanceOf(Retrying.Unavailable.class);
    assertThat(attempts.get()).isGreaterThan(1);

    ResponseEntity<?> answer = new IntakeErrors().unavailable(new Retrying.Unavailable("not committed", null));
    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    assertThat(answer.getBody().toString()).contains("unavailable", "retry");
  }
}
