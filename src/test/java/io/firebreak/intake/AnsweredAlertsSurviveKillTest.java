package io.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.BootedFirebreak;
import io.firebreak.Http;
import io.firebreak.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "2xx means stored", one node: Firebreak booted in its own JVM, a storm of Alertmanager deliveries
 * for new alert groups, {@code kill -9} while the senders are still sending, a restart, and every
 * delivery that had been answered {@code created} has its incident, with exactly one incident per
 * group. Once on the embedded default (the H2 file under ./data, restarted on the same files) and
 * once on PostgreSQL (the embedded test server over TCP, restarted on the same database); two nodes
 * on PostgreSQL are {@code platform.TwoNodesTest}.
 */
class AnsweredAlertsSurviveKillTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_PASSWORD = "kill-test-admin";
  private static final Map<String, String> ENVIRONMENT = Map.of(
      "FIREBREAK_INTAKE_TOKEN", IntakeClient.TOKEN,
      "FIREBREAK_ADMIN_PASSWORD", ADMIN_PASSWORD);
  private static final int SENDERS = 8;
  /** Kill once this many deliveries were answered (or after STORM_FOR): answers keep arriving meanwhile. */
  private static final int KILL_AFTER_ANSWERS = 150;
  private static final Duration STORM_FOR = Duration.ofSeconds(20);
  /** In this test's range, so that it does not meet another booted JVM's fixed port. */
  private static final int POSTGRES_NODE_PORT = 19150;

  @TempDir Path dir;

  @Test
  void everyDeliveryAnsweredBeforeKillNineHasItsIncidentAfterRestart() throws Exception {
    stormKillNineAndRestart("kill-9", () -> BootedFirebreak.start(dir, ENVIRONMENT));
  }

  @Test
  void onPostgresEveryDeliveryAnsweredBeforeKillNineHasItsIncidentAfterRestart() throws Exception {
    Map<String, String> environment = new HashMap<>(ENVIRONMENT);
    environment.put("SPRING_PROFILES_ACTIVE", "postgres");
    environment.put("SPRING_DATASOURCE_URL", PostgresTestDatabase.create());
    environment.put("SPRING_DATASOURCE_USERNAME", PostgresTestDatabase.USER);
    stormKillNineAndRestart("kill-9 postgres",
        () -> BootedFirebreak.start(dir, environment, POSTGRES_NODE_PORT, List.of()));
  }

  /** Boots a node the same way each time: the first boot and the restart after kill -9. */
  @FunctionalInterface
  private interface Node {
    BootedFirebreak boot() throws Exception;
  }

  private void stormKillNineAndRestart(String label, Node node) throws Exception {
    String template = IntakeClient.fixture("alertmanager/slo-burn-firing.json");
    Map<String, String> accepted = new ConcurrentHashMap<>(); // incident key -> title of its group
    AtomicInteger refusedOrFailed = new AtomicInteger();
    AtomicLong lastAnswerBeforeKill = new AtomicLong();
    long killedAtNanos;

    try (BootedFirebreak app = node.boot()) {
      AtomicBoolean storming = new AtomicBoolean(true);
      AtomicInteger next = new AtomicInteger();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI uri = URI.create("http://127.0.0.1:" + app.port + "/api/alerts/alertmanager");
      ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
      for (int s = 0; s < SENDERS; s++) {
        senders.submit(() -> {
          while (storming.get()) {
            int n = next.incrementAndGet();
            String title = "Storm group " + n + " is failing";
            try {
              HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + IntakeClient.TOKEN)
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(delivery(template, n, title))).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                JsonNode touched = JSON.readTree(r.body()).get("incidents").get(0);
                assertThat(touched.get("action").asText()).isEqualTo("created");
                accepted.put(touched.get("key").asText(), title);
                lastAnswerBeforeKill.set(System.nanoTime() / 1_000_000);
              } else {
                refusedOrFailed.incrementAndGet();
              }
            } catch (Exception e) {
              // Connection refused or reset once the process is dead: not an answer, so not accepted.
              refusedOrFailed.incrementAndGet();
            }
          }
          return null;
        });
      }
      long until = System.nanoTime() + STORM_FOR.toNanos();
      while (accepted.size() < KILL_AFTER_ANSWERS && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      app.kill(); // while all senders are mid-request
      killedAtNanos = System.nanoTime();
      storming.set(false);
      senders.shutdown();
      assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    Map<String, String> answered = new HashMap<>(accepted);
    assertThat(answered).as("the storm was answered before the kill").isNotEmpty();

    try (BootedFirebreak restarted = node.boot()) {
      Http admin = restarted.as("admin", ADMIN_PASSWORD);
      List<String> missing = new ArrayList<>();
      answered.forEach((key, title) -> {
        Http.Response r = admin.get("/api/incidents/" + key);
        if (r.status() != 200 || !title.equals(r.json().get("title").asText())) {
          missing.add(key + " (" + title + "): " + r.status());
        }
      });
      JsonNode all = admin.get("/api/incidents?limit=500").json().get("incidents");
      Map<String, Integer> perTitle = new HashMap<>();
      all.forEach(i -> perTitle.merge(i.get("title").asText(), 1, Integer::sum));
      System.out.printf("[%s] accepted %d, present after restart %d, incidents in the database %d,"
              + " unanswered or refused %d (killed %d ms after the last answer seen)%n",
          label, answered.size(), answered.size() - missing.size(), all.size(), refusedOrFailed.get(),
          Math.max(0, killedAtNanos / 1_000_000 - lastAnswerBeforeKill.get()));
      assertThat(missing).as("answered 'created' before kill -9, gone after the restart").isEmpty();
      assertThat(perTitle.values()).as("one incident per alert group").allMatch(count -> count == 1);
    }
  }

  /** The recorded webhook as a new alert group of its own. */
  private static String delivery(String template, int n, String title) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(template);
    root.put("groupKey", "{}:{alertname=\"SLOErrorBudgetBurnFast\", service=\"checkout\", storm=\"" + n + "\"}");
    ((ObjectNode) root.get("commonAnnotations")).put("summary", title);
    ((ObjectNode) root.get("alerts").get(0).get("annotations")).put("summary", title);
    return JSON.writeValueAsString(root);
  }
}
