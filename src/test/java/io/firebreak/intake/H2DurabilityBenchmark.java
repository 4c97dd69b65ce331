package io.firebreak.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.BootedFirebreak;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What durable commits cost the embedded default: the same alert storm against Firebreak booted as
 * shipped (H2 file, {@code WRITE_DELAY=0}) and against H2's own default ({@code WRITE_DELAY=500}),
 * alternating, several runs each; prints deliveries per second. A benchmark, not a test: run it with
 * {@code mvn -B -ntp test -Dtest=H2DurabilityBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class H2DurabilityBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RUNS = 3;
  private static final int SENDERS = 16;
  private static final int GROUPS = 200;
  private static final int DELIVERIES = 2000;

  @Test
  void stormWithDurableCommitsAgainstH2sWriteDelay() throws Exception {
    Map<String, List<double[]>> results = new HashMap<>();
    for (int run = 0; run < RUNS; run++) {
      for (String mode : List.of("WRITE_DELAY=0", "WRITE_DELAY=500")) {
        Path dir = Files.createTempDirectory("firebreak-bench");
        Map<String, String> env = new HashMap<>(Map.of("FIREBREAK_INTAKE_TOKEN", IntakeClient.TOKEN,
            "FIREBREAK_ADMIN_PASSWORD", "bench-admin"));
        if (!mode.equals("WRITE_DELAY=0")) {
          env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:./data/firebreak;" + mode);
        }
        try (BootedFirebreak app = BootedFirebreak.start(dir, env)) {
          results.computeIfAbsent(mode, m -> new ArrayList<>()).add(storm(app.port));
        }
      }
    }
    System.out.printf("[h2-durability] %d deliveries over %d new alert groups, %d concurrent senders, median of %d runs%n",
        DELIVERIES, GROUPS, SENDERS, RUNS);
    results.forEach((mode, runs) -> {
      double[] seconds = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
      double[] errors = runs.stream().mapToDouble(r -> r[1]).toArray();
      double median = seconds[seconds.length / 2];
      System.out.printf("[h2-durability] %-16s %6.2f s  %6.0f deliveries/s  runs %s  non-2xx %s%n", mode, median,
          DELIVERIES / median, java.util.Arrays.toString(seconds), java.util.Arrays.toString(errors));
    });
  }

  /** Seconds for the storm, and how many deliveries were not answered 2xx. */
  private static double[] storm(int port) throws Exception {
    String template = IntakeClient.fixture("alertmanager/slo-burn-firing.json");
    HttpClient client = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/alerts/alertmanager");
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      done.add(senders.submit(() -> {
        for (int n = next.getAndIncrement(); n < DELIVERIES; n = next.getAndIncrement()) {
          ObjectNode root = (ObjectNode) JSON.readTree(template);
          root.put("groupKey", "{}:{alertname=\"SLOErrorBudgetBurnFast\", bench=\"" + (n % GROUPS) + "\"}");
          HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + IntakeClient.TOKEN)
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(root))).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 200) {
            failed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    senders.shutdown();
    return new double[] {(System.nanoTime() - start) / 1e9, failed.get()};
  }
}
