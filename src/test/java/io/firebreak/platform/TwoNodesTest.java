package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.firebreak.BootedFirebreak;
import io.firebreak.Http;
import io.firebreak.PostgresTestDatabase;
import io.firebreak.comms.FakeSlack;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Firebreak nodes (each its own JVM, as an operator runs them, docs/operators.md) on one
 * PostgreSQL, each with its job executor, sharing one Slack (the local fake) and one SMTP server
 * (GreenMail) so that every delivery of both nodes is counted in one place. Camunda's own
 * clustering only: the shared database, optimistic locking, a lock time after which a dead node's
 * jobs are taken by the other. The lock time is short here (15 s, production 5 min) to keep the
 * kill test within CI time. The two nodes are shared by the tests, which run in order: the last two
 * kill and restart them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "two-nodes-admin";
  private static final String TOKEN = "two-nodes-intake-token";
  private static final int PORT_A = 18510;
  private static final int PORT_B = 18511;
  private static final int SMTP_PORT = 18520;
  private static final int LOCK_MILLIS = 10_000;
  private static final List<String> CATALOG_EMAILS = List.of("ana.alves", "ben.okafor", "chloe.martin", "dev.patel",
      "emma.schulz", "felix.wong", "grace.kim", "hugo.garcia", "ines.costa", "jonas.berg", "kara.nguyen");

  private final FakeSlack slack = new FakeSlack();
  private final GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  private String databaseUrl;
  private Path dirA;
  private Path dirB;
  private BootedFirebreak a;
  private BootedFirebreak b;

  @BeforeAll
  void twoNodes() throws Exception {
    mail.start();
    slack.addChannel("incidents", false);
    CATALOG_EMAILS.forEach(p -> slack.addUser(p + "@example.com"));
    databaseUrl = PostgresTestDatabase.create();
    dirA = Files.createTempDirectory("firebreak-node-a");
    dirB = Files.createTempDirectory("firebreak-node-b");
    // An empty database is set up by the first node alone (Camunda's schema, Flyway), as in operators.md.
    a = node("node-a");
    b = node("node-b");
  }

  @AfterAll
  void stopAll() throws Exception {
    for (BootedFirebreak node : new BootedFirebreak[] {a, b}) {
      if (node != null) {
        node.close();
      }
    }
    mail.stop();
    slack.close();
  }

  private BootedFirebreak node(String name) throws Exception {
    boolean isA = name.equals("node-a");
    Map<String, String> env = new HashMap<>();
    env.put("SPRING_PROFILES_ACTIVE", "postgres");
    env.put("SPRING_DATASOURCE_URL", databaseUrl);
    env.put("SPRING_DATASOURCE_USERNAME", PostgresTestDatabase.USER);
    env.put("FIREBREAK_ADMIN_PASSWORD", PASSWORD);
    env.put("FIREBREAK_INTAKE_TOKEN", TOKEN);
    env.put("FIREBREAK_SLACK_TOKEN", "xoxb-two-nodes");
    env.put("FIREBREAK_SLACK_API_URL", slack.apiUrl());
    env.put("SPRING_MAIL_HOST", "127.0.0.1");
    env.put("SPRING_MAIL_PORT", Integer.toString(SMTP_PORT));
    env.put("FIREBREAK_MAIL_TO", "incidents@example.com");
    env.put("FIREBREAK_NODE_NAME", name);
    return BootedFirebreak.start(isA ? dirA : dirB, env, isA ? PORT_A : PORT_B, List.of(
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
        "--camunda.bpm.job-execution.wait-time-in-millis=200",
        "--camunda.bpm.job-execution.max-wait=1000",
        "--spring.datasource.hikari.maximum-pool-size=20"));
  }

  private Http admin(BootedFirebreak node) {
    return node.as("admin", PASSWORD);
  }

  // (a)
  @Test
  @Order(1)
  void incidentsDeclaredOnEitherNodeAreVisibleAndWorkableOnBoth() throws Exception {
    String onA = declare(a, "Payments declined on node A");
    String onB = declare(b, "Payments declined on node B");
    for (BootedFirebreak node : List.of(a, b)) {
      assertThat(admin(node).get("/api/incidents/" + onA).json().get("title").asText()).isEqualTo("Payments declined on node A");
      assertThat(admin(node).get("/api/incidents/" + onB).json().get("title").asText()).isEqualTo("Payments declined on node B");
    }
    // Each is worked on the other node: the page acknowledged, seen from the node that declared it.
    admin(b).completeTask(onA, "Task_AcknowledgePage", Map.of());
    admin(a).completeTask(onB, "Task_AcknowledgePage", Map.of());
    admin(a).awaitIncident(onA, i -> kinds(i).contains("ACKNOWLEDGED"));
    admin(b).awaitIncident(onB, i -> kinds(i).contains("ACKNOWLEDGED"));
  }

  // (b)
  @Test
  @Order(2)
  void notificationsAndTimersRunExactlyOnceAcrossNodes() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      keys.add(declare(i % 2 == 0 ? a : b, "Card payments failing, batch " + i));
    }
    awaitQuiet();
    for (String key : keys) {
      assertThat(timelineCount(key, "PAGED")).as("first page of %s", key).isEqualTo(1);
    }
    // Every acknowledgement timer falls due now (as time would make it), set over either node's REST API.
    for (int i = 0; i < keys.size(); i++) {
      Http node = admin(i % 2 == 0 ? b : a);
      for (String jobId : timerJobs(keys.get(i), "Timer_AckOverdue")) {
        Http.Response due = node.send(node.request("/engine-rest/job/" + jobId + "/duedate")
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"duedate\": \"" + restDate(Instant.now().minusSeconds(1)) + "\"}")));
        assertThat(due.status()).as(due.body()).isEqualTo(204);
      }
    }
    awaitQuiet();
    Thread.sleep(1500); // room for a duplicate to show
    for (String key : keys) {
      assertThat(timelineCount(key, "PAGED")).as("the timer escalated %s once: the next level paged once", key).isEqualTo(2);
      assertDeliveredOnce(key);
    }
    assertNoFailures();
  }

  // (d)
  @Test
  @Order(3)
  void incidentKeysStayUniqueUnderConcurrentDeclarationsOnBothNodes() throws Exception {
    int perNode = 15;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> declared = new ArrayList<>();
    for (int i = 0; i < perNode * 2; i++) {
      BootedFirebreak node = i % 2 == 0 ? a : b;
      String title = "Concurrent declaration " + i;
      declared.add(pool.submit(() -> declareMinor(node, title)));
    }
    List<String> keys = new ArrayList<>();
    for (Future<String> f : declared) {
      keys.add(f.get(120, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(new HashSet<>(keys)).as("every declaration its own key").hasSize(perNode * 2);
    assertThat(sqlLong("SELECT COUNT(*) FROM fb_incident WHERE title LIKE 'Concurrent declaration %'")).isEqualTo(perNode * 2L);
    assertThat(sqlLong("SELECT COUNT(DISTINCT incident_number) FROM fb_incident")).isEqualTo(sqlLong("SELECT COUNT(*) FROM fb_incident"));
  }

  // (e)
  @Test
  @Order(4)
  void alertDeduplicationHoldsAcrossNodes() throws Exception {
    String template = fixture();
    int groups = 8;
    int deliveriesPerGroup = 6;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String[]>> answers = new ArrayList<>();
    for (int d = 0; d < deliveriesPerGroup; d++) {
      for (int g = 0; g < groups; g++) {
        BootedFirebreak node = (d + g) % 2 == 0 ? a : b;
        String body = delivery(template, "dedup-" + g, "Dedup group " + g + " is burning its budget");
        String group = "dedup-" + g;
        answers.add(pool.submit(() -> {
          HttpResponse<String> r = alert(node, body);
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          return new String[] {group, JSON.readTree(r.body()).get("incidents").get(0).get("key").asText()};
        }));
      }
    }
    Map<String, Set<String>> keysByGroup = new HashMap<>();
    for (Future<String[]> f : answers) {
      String[] answer = f.get(120, TimeUnit.SECONDS);
      keysByGroup.computeIfAbsent(answer[0], k -> new HashSet<>()).add(answer[1]);
    }
    pool.shutdown();
    assertThat(keysByGroup).hasSize(groups);
    keysByGroup.forEach((group, keys) -> assertThat(keys).as("incidents of alert group %s", group).hasSize(1));
    assertThat(sqlLong("SELECT COUNT(*) FROM fb_incident WHERE title LIKE 'Dedup group %'")).isEqualTo(groups);
  }

  // (c)
  @Test
  @Order(5)
  void killNineOfOneNodeDuringAnAlertStormLosesNothing() throws Exception {
    String template = fixture();
    Map<String, String> accepted = new ConcurrentHashMap<>(); // incident key -> title
    AtomicInteger acceptedByB = new AtomicInteger();
    AtomicBoolean storming = new AtomicBoolean(true);
    AtomicInteger next = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(6);
    for (int s = 0; s < 6; s++) {
      BootedFirebreak node = s % 2 == 0 ? a : b;
      senders.submit(() -> {
        while (storming.get()) {
          int n = next.incrementAndGet();
          String title = "Storm group " + n + " is failing";
          try {
            HttpResponse<String> r = alert(node, delivery(template, "storm-" + n, title));
            if (r.statusCode() == 200) {
              accepted.put(JSON.readTree(r.body()).get("incidents").get(0).get("key").asText(), title);
              if (node == b) {
                acceptedByB.incrementAndGet();
              }
            }
          } catch (Exception e) {
            // refused or reset once node B is dead: not an answer, so not accepted
            if (node == b) {
              Thread.sleep(50);
            }
          }
        }
        return null;
      });
    }
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (acceptedByB.get() < 15 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    b.kill(); // while its senders are mid-request and its job executor mid-job
    Set<String> heldByB = new HashSet<>(sqlStrings("SELECT id_ FROM act_ru_job WHERE lock_owner_ = 'node-b'"));
    Thread.sleep(1000); // node A keeps answering meanwhile
    storming.set(false);
    senders.shutdown();
    assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(acceptedByB.get()).as("node B answered deliveries before it was killed").isPositive();

    Http survivor = admin(a);
    List<String> missing = new ArrayList<>();
    accepted.forEach((key, title) -> {
      Http.Response r = survivor.get("/api/incidents/" + key);
      if (r.status() != 200 || !title.equals(r.json().get("title").asText())) {
        missing.add(key + " (" + title + "): " + r.status());
      }
    });
    // The jobs node B held run on node A once their lock has expired.
    Instant deadline = Instant.now().plusMillis(LOCK_MILLIS + 60_000);
    Set<String> stillThere = new HashSet<>(heldByB);
    while (!stillThere.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      stillThere.retainAll(sqlStrings("SELECT id_ FROM act_ru_job"));
    }
    System.out.printf("[two nodes, kill -9 of node B] accepted %d, present %d (node B had answered %d);"
            + " jobs node B held %d, run on node A %d%n",
        accepted.size(), accepted.size() - missing.size(), acceptedByB.get(), heldByB.size(),
        heldByB.size() - stillThere.size());
    assertThat(missing).as("answered before kill -9, missing on the surviving node").isEmpty();
    assertThat(stillThere).as("jobs node B held, still not run by node A").isEmpty();
    Map<String, Long> perTitle = sqlStrings("SELECT title FROM fb_incident WHERE title LIKE 'Storm group %'").stream()
        .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
    assertThat(perTitle.values()).as("one incident per alert group").allMatch(c -> c == 1);

    // Node B comes back (booting meanwhile) while node A works off the storm's steps.
    ExecutorService restart = Executors.newSingleThreadExecutor();
    Future<BootedFirebreak> restarted = restart.submit(() -> node("node-b"));
    awaitQuiet();
    assertNoFailures();
    b = restarted.get(120, TimeUnit.SECONDS);
    restart.shutdown();
  }

  // (f)
  @Test
  @Order(6)
  void aRollingRestartWithRunningIncidentsLosesNothing() throws Exception {
    List<String> keys = new ArrayList<>();
    keys.add(declare(a, "Rolling restart, running on A"));
    keys.add(declare(b, "Rolling restart, running on B"));
    awaitQuiet();

    // Stop A (SIGTERM) while a request to it is in flight: graceful shutdown lets it finish.
    CountDownLatch bodyStarted = new CountDownLatch(1);
    CountDownLatch bodyRest = new CountDownLatch(1);
    ExecutorService client = Executors.newSingleThreadExecutor();
    Future<String[]> inFlight = client.submit(
        () -> slowDeclaration(a, "Declared while node A stops", bodyStarted, bodyRest));
    assertThat(bodyStarted.await(20, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(2000); // the request's headers and half its body are with node A, which is reading the rest
    a.signalStop();
    Thread.sleep(1000); // node A is shutting down: no new connections, ours still open
    bodyRest.countDown();
    keys.add(declare(b, "Declared while node A is down"));
    String[] answer = inFlight.get(60, TimeUnit.SECONDS);
    client.shutdown();
    assertThat(answer[0]).as("the request in flight during SIGTERM: %s", answer[1]).startsWith("HTTP/1.1 201");
    keys.add(JSON.readTree(answer[1]).get("key").asText());
    a.awaitExit();
    a = node("node-a");

    b.stop();
    keys.add(declare(a, "Declared while node B is down"));
    b = node("node-b");

    for (int i = 0; i < keys.size(); i++) {
      admin(i % 2 == 0 ? b : a).completeTask(keys.get(i), "Task_AcknowledgePage", Map.of());
    }
    awaitQuiet();
    for (String key : keys) {
      for (BootedFirebreak node : List.of(a, b)) {
        JsonNode incident = admin(node).get("/api/incidents/" + key).json();
        assertThat(kinds(incident)).as("%s on %s", key, node.port).contains("ACKNOWLEDGED");
      }
      assertDeliveredOnce(key);
    }
    assertNoFailures();
  }

  // --- helpers -------------------------------------------------------------------------------

  private String declare(BootedFirebreak node, String title) {
    Http.Response r = admin(node).postJson("/api/incidents", Map.of("title", title, "service", "payments-api",
        "type", "outage", "proposedSeverity", "SEV2", "customerImpact", true));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("key").asText();
  }

  /** A light declaration (SEV4, no channel or paging), for the concurrency of key assignment. */
  private String declareMinor(BootedFirebreak node, String title) {
    Http.Response r = admin(node).postJson("/api/incidents", Map.of("title", title, "type", "other",
        "proposedSeverity", "SEV4"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("key").asText();
  }

  /**
   * A declaration over a plain socket whose body's second half is sent only once {@code rest}
   * opens, so it is in flight meanwhile. Returns the status line and the body.
   */
  private String[] slowDeclaration(BootedFirebreak node, String title, CountDownLatch started, CountDownLatch rest)
      throws Exception {
    byte[] body = JSON.writeValueAsBytes(Map.of("title", title, "service", "payments-api", "type", "outage",
        "proposedSeverity", "SEV2", "customerImpact", true));
    int half = body.length / 2;
    String auth = java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", node.port)) {
      socket.setSoTimeout(60_000);
      var out = socket.getOutputStream();
      out.write(("POST /api/incidents HTTP/1.1\r\nHost: 127.0.0.1:" + node.port + "\r\nContent-Type: application/json\r\n"
          + "Authorization: Basic " + auth + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, half);
      out.flush();
      started.countDown();
      assertThat(rest.await(30, TimeUnit.SECONDS)).isTrue();
      out.write(body, half, body.length - half);
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String status = response.lines().findFirst().orElse("");
      // The JSON object of the (possibly chunked) body.
      return new String[] {status, response.substring(response.indexOf('{'), response.lastIndexOf('}') + 1)};
    }
  }

  private static HttpResponse<String> alert(BootedFirebreak node, String body) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + "/api/alerts/alertmanager"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String fixture() throws IOException {
    try (InputStream in = TwoNodesTest.class.getResourceAsStream("/fixtures/alertmanager/slo-burn-firing.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The recorded webhook as an alert group of its own. */
  private static String delivery(String template, String group, String title) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(template);
    root.put("groupKey", "{}:{alertname=\"SLOErrorBudgetBurnFast\", service=\"checkout\", group=\"" + group + "\"}");
    ((ObjectNode) root.get("commonAnnotations")).put("summary", title);
    ((ObjectNode) root.get("alerts").get(0).get("annotations")).put("summary", title);
    return JSON.writeValueAsString(root);
  }

  /** Until no job is due any more on the shared database (steps, due timers, retries): both nodes are idle. */
  private void awaitQuiet() throws Exception {
    Instant deadline = Instant.now().plusSeconds(120);
    int quietRounds = 0;
    while (Instant.now().isBefore(deadline)) {
      long due = sqlLong("SELECT COUNT(*) FROM act_ru_job WHERE retries_ > 0 AND suspension_state_ = 1"
          + " AND (duedate_ IS NULL OR duedate_ <= LOCALTIMESTAMP)");
      quietRounds = due == 0 ? quietRounds + 1 : 0;
      if (quietRounds >= 3) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("jobs still due after 120 s: " + sqlStrings(
        "SELECT handler_cfg_ || ' ' || COALESCE(exception_msg_, '') FROM act_ru_job WHERE duedate_ IS NULL OR duedate_ <= LOCALTIMESTAMP"));
  }

  /** Nothing sent twice for this incident: no Slack channel opened twice, no message or email twice. */
  private void assertDeliveredOnce(String key) throws Exception {
    String prefix = key.toLowerCase() + "-";
    assertThat(slack.handled("conversations.create")).filteredOn(r -> r.param("name").startsWith(prefix))
        .as("channels opened for %s", key).hasSize(1);
    Map<String, Long> messages = slack.messages().stream().filter(m -> m.text().contains(key))
        .collect(Collectors.groupingBy(m -> m.channel() + " " + m.text(), Collectors.counting()));
    assertThat(messages).as("Slack messages of %s", key).isNotEmpty();
    assertThat(messages.values()).as("Slack messages of %s, each once: %s", key, messages.keySet()).allMatch(c -> c == 1);
    Map<String, Set<String>> mails = new HashMap<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (m.getSubject().contains("[" + key + "]")) {
        mails.computeIfAbsent(m.getSubject() + " to " + String.join(",", m.getHeader("To")), k -> new HashSet<>())
            .add(m.getMessageID());
      }
    }
    assertThat(mails).as("emails of %s", key).isNotEmpty();
    mails.forEach((what, ids) -> assertThat(ids).as("email %s sent", what).hasSize(1));
  }

  private void assertNoFailures() throws SQLException {
    assertThat(sqlStrings("SELECT handler_cfg_ || ': ' || COALESCE(exception_msg_, '') FROM act_ru_job WHERE retries_ = 0"))
        .as("failed jobs").isEmpty();
    assertThat(sqlLong("SELECT COUNT(*) FROM act_ru_incident")).as("Camunda incidents").isZero();
  }

  private List<String> timerJobs(String key, String activityId) throws SQLException {
    return sqlStrings("SELECT j.id_ FROM act_ru_job j JOIN act_ru_execution e ON e.id_ = j.process_instance_id_"
        + " WHERE e.business_key_ = '" + key + "' AND j.type_ = 'timer' AND j.handler_cfg_ LIKE '" + activityId + "%'");
  }

  private long timelineCount(String key, String kind) throws SQLException {
    return sqlLong("SELECT COUNT(*) FROM fb_timeline WHERE incident_key = '" + key + "' AND kind = '" + kind + "'");
  }

  private static List<String> kinds(JsonNode incident) {
    List<String> kinds = new ArrayList<>();
    incident.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
    return kinds;
  }

  private static String restDate(Instant at) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  private long sqlLong(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(databaseUrl, PostgresTestDatabase.USER, "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<String> sqlStrings(String sql) throws SQLException {
    List<String> result = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(databaseUrl, PostgresTestDatabase.USER, "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        result.add(rs.getString(1));
      }
    }
    return result;
  }
}
