package io.firebreak.intake;

import io.firebreak.Http;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Benchmark, not a test (its name keeps it out of {@code mvn verify}): how long Slack waits for the
 * answer to {@code /incident} commands, signed like Slack signs them, over real HTTP against the
 * booted application with its job executor running. Prints percentiles; asserts nothing about time.
 *
 * <pre>mvn -B -ntp test -Dtest=SlackCommandLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
class SlackCommandLatencyBenchmark {

  @LocalServerPort int port;

  @Test
  void slashCommandLatency() throws Exception {
    IntakeClient client = new IntakeClient(port);
    // Warm-up: JIT, connection pool, engine caches.
    measure("warm-up declare", 30, i -> client.slack("declare Warm-up incident " + i + " sev3", "admin", "support"));
    measure("warm-up help", 200, i -> client.slack("help " + i, "someone", "random"));

    String declared = client.slack("declare Benchmark channel incident sev2", "admin", "support").json().get("text").asText();
    String key = declared.replaceAll("(?s)^Declared \\*(INC-\\d+)\\*.*", "$1");
    String channel = client.awaitIncident(key, i -> !i.get("channel").isNull()).get("channel").asText();

    System.out.println("[slack-latency] " + Runtime.getRuntime().availableProcessors() + " CPUs, H2 in memory, "
        + "sequential requests, ms");
    report(measure("help (signature + replay check only)", 500, i -> client.slack("help " + i, "someone", "random")));
    report(measure("status (incident channel lookup)", 500, i -> client.slack("status " + i, "someone", channel)));
    report(measure("declare sev2 (full response, committed)", 200,
        i -> client.slack("declare Benchmark incident " + i + " sev2", "admin", "support")));
    report(measure("declare sev4 (light path, committed)", 200,
        i -> client.slack("declare Minor benchmark incident " + i + " sev4", "admin", "support")));
  }

  record Sample(String name, List<Double> millis) {}

  static Sample measure(String name, int n, IntFunction<Http.Response> call) {
    List<Double> millis = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      Http.Response r = call.apply(i);
      millis.add((System.nanoTime() - start) / 1e6);
      if (r.status() != 200) {
        throw new IllegalStateException(name + ": " + r.status() + " " + r.body());
      }
    }
    return new Sample(name, millis);
  }

  static void report(Sample s) {
    List<Double> sorted = new ArrayList<>(s.millis());
    Collections.sort(sorted);
    System.out.printf("[slack-latency] %-42s n=%4d  p50=%6.1f  p90=%6.1f  p99=%6.1f  max=%6.1f%n", s.name(),
        sorted.size(), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.get(sorted.size() - 1));
  }

  static double pct(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
