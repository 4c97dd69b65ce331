package io.firebreak.statuspage;

import io.firebreak.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Benchmark, not a test (its name keeps it out of {@code mvn verify}): latency of the public page
 * and its JSON under concurrent anonymous clients, over real HTTP against the booted application,
 * with a busy page (20 open incidents, 100 resolved in the window, 5 updates each). Prints
 * percentiles and throughput; asserts nothing about time.
 *
 * <pre>mvn -B -ntp -o test -Dtest=StatusPageLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false | grep '\[status-latency\]'</pre>
 */
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatusPageLatencyBenchmark {

  static final int CLIENTS = 8;
  static final int REQUESTS_PER_CLIENT = 250;

  @LocalServerPort int port;
  @Autowired PublicStatusStore store;

  @Test
  void pageAndJsonLatencyUnderLoad() throws Exception {
    Instant now = Instant.now();
    for (int i = 0; i < 120; i++) {
      String key = "BENCH-" + i;
      String[] statuses = {"investigating", "identified", "monitoring", "monitoring", i < 20 ? "monitoring" : "resolved"};
      for (int u = 0; u < statuses.length; u++) {
        store.apply(new StatusPageUpdate(key, statuses[u], "Update " + u + " of incident " + i
            + ": some customers see slow card payments; we are working on it.", "Card payments slow " + i,
            List.of("Payments"), "degraded_performance"), "Service disruption", now.plusMillis(i * 10L + u));
      }
    }
    for (String path : List.of("/status", "/status/api/v2/summary.json", "/status/api/v2/incidents.json",
        "/status/api/v2/status.json")) {
      run(path, 2, 100, false); // warm-up
      run(path, CLIENTS, REQUESTS_PER_CLIENT, true);
    }
  }

  private void run(String path, int clients, int perClient, boolean report) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<Double>>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      futures.add(pool.submit(() -> {
        Http http = new Http(port, null, null);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < perClient; i++) {
          long t = System.nanoTime();
          Http.Response r = http.get(path);
          millis.add((System.nanoTime() - t) / 1e6);
          if (r.status() != 200) {
            throw new IllegalStateException(path + ": " + r.status());
          }
        }
        return millis;
      }));
    }
    List<Double> all = new ArrayList<>();
    for (Future<List<Double>> f : futures) {
      all.addAll(f.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    if (report) {
      Collections.sort(all);
      System.out.printf("[status-latency] %-34s %d clients n=%5d  p50=%6.1f  p90=%6.1f  p99=%6.1f  max=%6.1f ms  %6.0f req/s%n",
          path, clients, all.size(), pct(all, 50), pct(all, 90), pct(all, 99), all.get(all.size() - 1),
          all.size() / seconds);
    }
  }

  static double pct(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
