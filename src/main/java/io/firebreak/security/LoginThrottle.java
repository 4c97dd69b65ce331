package io.firebreak.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted per client address, never per account: a caller who guesses passwords is
 * slowed down (429 with {@code Retry-After}) without ever locking the account for its owner, who
 * logs in from another address at once. Camunda's own per-account lockout is configured off
 * ({@code camunda.bpm.generic-properties}: {@code loginDelayMaxTime: 0}) in favour of this.
 *
 * <p>Kept in memory per node: the count is a brake, not a record, and a restart forgetting it is
 * harmless. A few lines of map, so simpler than a rate-limiting library for this one rule.
 */
@Component
class LoginThrottle {

  private record Failures(int count, Instant last) {}

  private final LoginThrottleProperties properties;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private volatile Clock clock = Clock.systemUTC();

  LoginThrottle(LoginThrottleProperties properties) {
    this.properties = properties;
  }

  /** Tests drive time instead of waiting. */
  void useClock(Clock clock) {
    this.clock = clock;
  }

  /** How long this address must still wait before its next login attempt is looked at; zero when it may try now. */
  Duration retryAfter(String address) {
    Failures f = failures.get(address);
    if (f == null) {
      return Duration.ZERO;
    }
    Instant now = clock.instant();
    if (!now.isBefore(f.last().plus(properties.forgetAfter()))) {
      failures.remove(address, f);
      return Duration.ZERO;
    }
    Duration remaining = Duration.between(now, f.last().plus(delayAfter(f.count())));
    return remaining.isNegative() ? Duration.ZERO : remaining;
  }

  void failed(String address) {
    Instant now = clock.instant();
    if (failures.size() >= properties.maxTrackedAddresses() && !failures.containsKey(address)) {
      forgetOld(now);
    }
    failures.compute(address, (a, f) -> f == null || !now.isBefore(f.last().plus(properties.forgetAfter()))
        ? new Failures(1, now) : new Failures(f.count() + 1, now));
  }

  /** The wait after the n-th failure: none while free, then 1 s doubling up to the maximum. */
  private Duration delayAfter(int count) {
    int over = count - properties.freeFailures();
    if (over <= 0) {
      return Duration.ZERO;
    }
    long seconds = 1L << Math.min(over - 1, 30);
    Duration delay = Duration.ofSeconds(seconds);
    return delay.compareTo(properties.maxDelay()) > 0 ? properties.maxDelay() : delay;
  }

  private void forgetOld(Instant now) {
    failures.entrySet().removeIf(e -> !now.isBefore(e.getValue().last().plus(properties.forgetAfter())));
    if (failures.size() >= properties.maxTrackedAddresses()) {
      // A flood of addresses: drop the ones that are not being slowed down right now.
      failures.entrySet().removeIf(e -> delayAfter(e.getValue().count()).isZero());
    }
  }
}
