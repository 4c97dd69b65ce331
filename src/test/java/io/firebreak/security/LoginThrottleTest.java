package io.firebreak.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Failed logins slow the address they come from and never lock the account: an attacker (here
 * 127.0.0.2 / 127.0.0.3, real sockets) guessing {@code admin}'s password is answered 429 after a few
 * tries, while {@code admin} logs in from another address at once and is never locked for good.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "firebreak.security.login-throttle.free-failures=5",
    "firebreak.security.login-throttle.max-delay=60s"})
@ActiveProfiles("test")
class LoginThrottleTest {

  private static final String WRONG = FromAddress.basic("admin", "guess");
  private static final String RIGHT = FromAddress.basic("admin", "test-admin");

  @LocalServerPort int port;
  @Autowired LoginThrottle throttle;
  @Autowired IdentityService identity;
  private MovingClock clock;

  @BeforeEach
  void clock() {
    clock = new MovingClock(Instant.now());
    throttle.useClock(clock);
  }

  @AfterEach
  void systemClock() {
    throttle.useClock(Clock.systemUTC());
  }

  @Test
  void fiftyWrongAttemptsFromOneClientLeaveTheAdminFreeToLogInFromAnotherAtOnce() {
    FromAddress attacker = new FromAddress("127.0.0.2", port);
    List<Integer> statuses = new ArrayList<>();
    String[] paths = {"/api/incidents", "/engine-rest/user", "/oncall", "/actuator/prometheus"};
    for (int i = 0; i < 50; i++) {
      FromAddress.Response r = attacker.get(paths[i % paths.length], WRONG);
      statuses.add(r.status());
      if (r.status() == 429) {
        assertThat(r.headers()).containsKey("retry-after");
        assertThat(r.body()).contains("too_many_failed_logins").doesNotContain("ENGINE-");
      }
    }
    // Five free failures, the sixth is still looked at, then the address waits.
    assertThat(statuses.subList(0, 6)).containsOnly(401);
    assertThat(statuses.subList(6, 50)).containsOnly(429);
    // The right password from the throttled address waits too (it is not even looked at) …
    assertThat(attacker.get("/api/incidents", RIGHT).status()).isEqualTo(429);

    // … while the admin, from another address, gets in at once everywhere.
    FromAddress admin = new FromAddress("127.0.0.1", port);
    assertThat(admin.get("/api/incidents", RIGHT).status()).isEqualTo(200);
    assertThat(admin.get("/engine-rest/user?id=admin", RIGHT).status()).isEqualTo(200);
    assertThat(webappLogin(admin, "test-admin").status()).isEqualTo(200);
    assertThat(identity.checkPassword("admin", "test-admin")).isTrue();
  }

  @Test
  void pacedAttemptsOverTheLockWindowsNeverLockTheAccount() {
    FromAddress attacker = new FromAddress("127.0.0.3", port);
    // Camunda's default lockout would lock admin for good after ten failures; pace past every
    // window of the throttle so that each attempt really is a password check.
    for (int i = 0; i < 15; i++) {
      clock.advance(Duration.ofSeconds(61));
      FromAddress.Response r = attacker.get("/engine-rest/user", WRONG);
      assertThat(r.status()).as("attempt %d", i + 1).isEqualTo(401);
    }
    clock.advance(Duration.ofSeconds(61));
    assertThat(attacker.get("/api/incidents", RIGHT).status()).isEqualTo(200);
    assertThat(identity.checkPassword("admin", "test-admin")).isTrue();
  }

  @Test
  void wrongWebappLoginsCountAndAreSlowed() {
    FromAddress attacker = new FromAddress("127.0.0.4", port);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      statuses.add(webappLogin(attacker, "guess").status());
    }
    assertThat(statuses.subList(0, 6)).containsOnly(401);
    assertThat(statuses.subList(6, 8)).containsOnly(429);
    assertThat(webappLogin(new FromAddress("127.0.0.1", port), "test-admin").status()).isEqualTo(200);
  }

  @Test
  void requestsWithoutCredentialsAreNeitherCountedNorSlowed() {
    FromAddress anonymous = new FromAddress("127.0.0.5", port);
    for (int i = 0; i < 20; i++) {
      assertThat(anonymous.get("/api/incidents", null).status()).isEqualTo(401);
    }
    assertThat(anonymous.get("/api/incidents", RIGHT).status()).isEqualTo(200);
  }

  @Test
  void theIntakeEndpointsCheckNoPasswordSoTheyCountNoFailedLogins() {
    FromAddress alertSender = new FromAddress("127.0.0.6", port);
    for (int i = 0; i < 20; i++) {
      FromAddress.Response r = alertSender.send("POST", "/api/alerts/alertmanager",
          java.util.Map.of("Authorization", WRONG, "Content-Type", "application/json"), "{}");
      assertThat(r.status()).isEqualTo(401);
    }
    assertThat(alertSender.get("/api/incidents", RIGHT).status()).isEqualTo(200);
  }

  private static FromAddress.Response webappLogin(FromAddress from, String password) {
    return from.webappLogin("admin", password);
  }

  /** A clock the test moves forward instead of waiting out the throttle's windows. */
  static final class MovingClock extends Clock {
    private volatile Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
