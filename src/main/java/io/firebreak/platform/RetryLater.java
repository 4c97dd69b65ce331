package io.firebreak.platform;

import java.time.Duration;

/**
 * Thrown by an adapter when the outside system said "not now, come back in {@link #after()}" (Slack's
 * {@code 429 Retry-After}). The step fails at once, releasing its job thread and connection, and
 * {@link FailedJobRetries} sets the job's next try to that moment without using up one of its retries:
 * being rate-limited is not a failure.
 */
public class RetryLater extends RuntimeException {

  private final Duration after;

  public RetryLater(String message, Duration after) {
    super(message);
    this.after = after;
  }

  public Duration after() {
    return after;
  }

  /** The {@code RetryLater} in a cause chain (the engine wraps what a delegate throws), or {@code null}. */
  static RetryLater in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetryLater r) {
        return r;
      }
    }
    return null;
  }
}
