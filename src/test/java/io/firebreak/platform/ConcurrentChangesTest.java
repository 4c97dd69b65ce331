package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Severity changes back to back and at once, with the job executor running the incident's steps
 * meanwhile (as in production): the engine's optimistic-locking conflicts are tried again or
 * answered 409 with a sentence, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
class ConcurrentChangesTest {

  @LocalServerPort int port;

  @Test
  void twentySeverityChangesBackToBackAndAtOnceGetNoServerError() throws Exception {
    Http admin = new Http(port, "admin", "test-admin");
    String key = admin.postJson("/api/incidents", Map.of("title", "Checkout flapping", "type", "degradation",
        "proposedSeverity", "SEV3")).json().get("key").asText();
    awaitChangeable(admin, key);

    List<Http.Response> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(admin.postJson("/api/incidents/" + key + "/severity",
          Map.of("severity", i % 2 == 0 ? "SEV2" : "SEV3", "reason", "back to back " + i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<Http.Response>> concurrent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String severity = i % 2 == 0 ? "SEV1" : "SEV2";
        int n = i;
        concurrent.add(pool.submit(() -> admin.postJson("/api/incidents/" + key + "/severity",
            Map.of("severity", severity, "reason", "at once " + n))));
      }
      for (Future<Http.Response> f : concurrent) {
        answers.add(f.get());
      }
    } finally {
      pool.shutdown();
    }

    long ok = answers.stream().filter(r -> r.status() == 200).count();
    long conflicts = answers.stream().filter(r -> r.status() == 409).count();
    System.out.println("40 severity changes: " + ok + " applied, " + conflicts + " answered 409, "
        + (answers.size() - ok - conflicts) + " other");
    for (Http.Response r : answers) {
      assertThat(r.status()).as(r.body()).isIn(200, 409);
      if (r.status() == 409) {
        assertThat(r.json().get("error").asText()).isEqualTo("conflict");
        assertThat(r.json().get("detail").asText()).doesNotContain("ENGINE-", "Exception");
      }
    }
    assertThat(ok).isGreaterThanOrEqualTo(20);
  }

  /** The declaration runs in jobs; until it has, a severity change is 409 (still being declared). */
  private static void awaitChangeable(Http admin, String key) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Http.Response r = admin.postJson("/api/incidents/" + key + "/severity", Map.of("severity", "SEV3"));
      if (r.status() == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(key + " never became changeable");
  }
}
