package io.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.firebreak.Http;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Status-page subscribers against a real SMTP server (GreenMail) and real HTTP: a customer
 * statement for a customer-affecting SEV2 on Payments reaches the general list and the Payments
 * list, each address once, also when the step is retried or run again; every email carries its
 * unsubscribe link and RFC 8058 headers and only the approved public text, escaped in HTML; the
 * link asks on GET and unsubscribes on POST without a login, after which that address gets no more
 * updates; a forged token gets a 400 page. No job executor: the test runs the jobs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StatusSubscribersEndToEndTest {

  static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
  static final GreenMail MAIL = new GreenMail(SMTP);
  static final String PUBLIC_URL = "https://status.example.com/status";
  static final String INTERNAL_TITLE = "PaymentsGatewayErrorRate firing on pod payments-7f9c";
  static final String PUBLIC_TITLE = "<script>alert(1)</script> Card payments failing";
  static final String EVERYONE = "everyone@example.com";
  static final String PAYMENTS = "payments.watcher@example.com";
  /** On both lists: gets each update once. */
  static final String BOTH = "Both@Example.com";
  static final String SEARCH = "search.watcher@example.com";

  static {
    MAIL.start();
    Runtime.getRuntime().addShutdownHook(new Thread(MAIL::stop));
  }

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", SMTP::getPort);
    registry.add("firebreak.mail.from", () -> "status@example.com");
    registry.add("firebreak.status-page.url", () -> PUBLIC_URL + "/");
    registry.add("firebreak.status-page.subscribers[0]", () -> EVERYONE);
    registry.add("firebreak.status-page.subscribers[1]", () -> BOTH);
    registry.add("firebreak.status-page.component-subscribers[Payments][0]", () -> PAYMENTS);
    registry.add("firebreak.status-page.component-subscribers[Payments][1]", () -> "both@example.com");
    registry.add("firebreak.status-page.component-subscribers[Search][0]", () -> SEARCH);
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ScheduledMaintenances maintenances;
  Http admin;
  Http anonymous;

  @BeforeEach
  void clients() throws Exception {
    admin = new Http(port, "admin", "test-admin");
    anonymous = new Http(port, null, null);
    if (!MAIL.isRunning()) {
      MAIL.start();
    }
    MAIL.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aCustomerStatementReachesEachSubscriberOnceAndTheLinkUnsubscribesWithoutLogin() throws Exception {
    String key = declare();
    runDueJobs(key);
    complete(key, "Task_AcknowledgePage", Map.of());
    complete(key, "Task_TriageIncident", Map.of("confirmedSeverity", "SEV2", "incidentType", "outage",
        "customerImpact", true, "commsLead", "admin", "scribe", "admin", "customerLiaison", "admin"));
    runDueJobs(key);
    MAIL.purgeEmailFromAllMailboxes();

    complete(key, "Task_PublishCustomerStatement", Map.of("publicTitle", PUBLIC_TITLE,
        "customerStatement", "Some card payments fail. We are investigating & will update within 30 minutes.",
        "customerStatus", "investigating", "affectedComponents", "Payments", "componentStatus", "partial_outage"));
    runDueJobsBut(key, "Task_EmailSubscribers");

    // SMTP down: the step fails and is retried; nothing was sent, so nothing is missing or doubled.
    Job emailing = jobAt(key, "Task_EmailSubscribers");
    MAIL.stop();
    assertThat(attempt(emailing)).isNotNull();
    assertThat(engine.getManagementService().createJobQuery().jobId(emailing.getId()).singleResult().getRetries())
        .isLessThan(8);
    MAIL.start();
    assertThat(attempt(emailing)).isNull();
    // The same update emailed again (a second start, a rollback after sending): nobody gets it twice.
    String updateId = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(emailing.getProcessInstanceId()).variableName(StatusSubscribers.UPDATE_ID).singleResult()
        .getValue();
    engine.getRuntimeService().startProcessInstanceByKey(StatusSubscribers.PROCESS, key,
        Map.of(StatusSubscribers.KIND, StatusSubscribers.INCIDENT, StatusSubscribers.UPDATE_ID, updateId));
    runDueJobs(key);

    MimeMessage[] received = subscriberMail();
    assertThat(received).extracting(StatusSubscribersEndToEndTest::to)
        .containsExactlyInAnyOrder(EVERYONE, BOTH, PAYMENTS);
    MimeMessage mail = byRecipient(received, PAYMENTS);
    assertThat(mail.getSubject()).isEqualTo("[Firebreak status] " + PUBLIC_TITLE + " – Investigating");
    assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("status@example.com");
    Map<String, String> parts = parts(mail);
    assertThat(parts).containsOnlyKeys("text/plain", "text/html");
    assertThat(parts.get("text/plain")).contains(PUBLIC_TITLE, "Investigating · Payments",
        "Some card payments fail. We are investigating & will update within 30 minutes.", PUBLIC_URL,
        "list for Payments");
    assertThat(parts.get("text/html"))
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; Card payments failing", "investigating &amp; will update")
        .doesNotContain("<script>");
    for (MimeMessage m : received) {
      String all = parts(m).values().toString() + m.getSubject();
      // Only what a person approved for customers: no incident key, internal title, people or channels.
      assertThat(all).doesNotContain(key, INTERNAL_TITLE, "admin", "#inc-", "SEV2");
    }
    assertThat(parts(byRecipient(received, BOTH)).get("text/plain")).contains("for all updates and for Payments");

    // RFC 8058: the link in the header, and one-click by POST.
    String header = mail.getHeader("List-Unsubscribe", null);
    assertThat(header).startsWith("<" + PUBLIC_URL + "/unsubscribe?token=").endsWith(">");
    assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    String link = header.substring(1, header.length() - 1);
    assertThat(parts.get("text/plain")).contains(link);
    String token = token(link);

    // GET only asks (a mail scanner following the link unsubscribes nobody).
    Http.Response confirm = anonymous.get("/status/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    assertThat(confirm.status()).isEqualTo(200);
    assertThat(confirm.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
    assertThat(confirm.body()).contains(PAYMENTS, "<form method=\"post\" action=\"unsubscribe\">", "id=\"confirm\"");
    assertThat(anonymous.get("/status/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).body())
        .contains("id=\"confirm\"");
    // The button: the form's POST, anonymous, same origin.
    Http.Response done = anonymous.send(anonymous.request("/status/unsubscribe")
        .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "same-origin")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.body()).contains("id=\"done\"", PAYMENTS);
    assertThat(anonymous.get("/status/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).body())
        .contains("id=\"already\"").doesNotContain("id=\"confirm\"");
    // A mail provider's one-click POST to the header's link (token in the query), from its own servers.
    String everyoneLink = byRecipient(received, EVERYONE).getHeader("List-Unsubscribe", null);
    String everyoneToken = token(everyoneLink.substring(1, everyoneLink.length() - 1));
    Http.Response oneClick = anonymous.send(anonymous.request("/status/unsubscribe?token="
            + URLEncoder.encode(everyoneToken, StandardCharsets.UTF_8))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Sec-Fetch-Site", "cross-site")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
    assertThat(oneClick.status()).as(oneClick.body()).isEqualTo(200);

    // The next public update reaches only who is still subscribed.
    MAIL.purgeEmailFromAllMailboxes();
    advanceClock(key, Duration.ofMinutes(31));
    complete(key, "Task_PostStatusUpdate", Map.of("updateText", "Rolled back deploy 4711 by ana.alves in #inc-secret",
        "whatChanged", "cause known", "publicUpdate", "We found the cause and are fixing it.",
        "customerStatus", "identified", "componentStatus", "degraded_performance"));
    runDueJobs(key);
    MimeMessage[] next = subscriberMail();
    assertThat(next).extracting(StatusSubscribersEndToEndTest::to).containsExactly(BOTH);
    assertThat(next[0].getSubject()).endsWith(" – Identified");
    assertThat(parts(next[0]).get("text/plain")).contains("We found the cause and are fixing it.")
        .doesNotContain("4711", "ana.alves", "#inc-secret");
  }

  @Test
  void aForgedOrMissingTokenGetsAReadable400Page() {
    String forged = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("1\nvictim@example.com\nall".getBytes(StandardCharsets.UTF_8)) + "." + "A".repeat(43);
    for (String query : List.of("?token=" + forged, "?token=not-a-token", "?token=a.b.c", "", "?token=%00%FF")) {
      Http.Response get = anonymous.get("/status/unsubscribe" + query);
      assertThat(get.status()).as(query).isEqualTo(400);
      assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(get.body()).as(query).contains("This unsubscribe link is not valid").doesNotContain("victim");
      Http.Response post = anonymous.send(anonymous.request("/status/unsubscribe" + query)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
      assertThat(post.status()).as(query).isEqualTo(400);
    }
  }

  @Test
  void aMaintenanceAnnouncementReachesTheListsOfItsComponents() throws Exception {
    String key = "MNT-SUBS-1";
    Instant from = Instant.now().plus(Duration.ofDays(1));
    maintenances.schedule(key, "Search index upgrade", List.of("Search"), from, from.plus(Duration.ofHours(2)),
        "Search may be slow for up to 2 hours.", Instant.now());
    runDueJobs(key);
    MimeMessage[] received = subscriberMail();
    assertThat(received).extracting(StatusSubscribersEndToEndTest::to).contains(SEARCH).doesNotContain(PAYMENTS);
    MimeMessage mail = byRecipient(received, SEARCH);
    assertThat(mail.getSubject()).isEqualTo("[Firebreak status] Maintenance: Search index upgrade – Scheduled");
    assertThat(parts(mail).get("text/plain")).contains("Window: ", "Search may be slow for up to 2 hours.");
    assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
  }

  // --- helpers

  private String declare() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", INTERNAL_TITLE);
    body.put("service", "payments-api");
    body.put("type", "outage");
    body.put("proposedSeverity", "SEV2");
    body.put("customerImpact", true);
    Http.Response declared = admin.postJson("/api/incidents", body);
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    return declared.json().get("key").asText();
  }

  private void complete(String key, String taskDefinitionKey, Map<String, Object> variables) {
    var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey(taskDefinitionKey).singleResult();
    assertThat(task).as(taskDefinitionKey).isNotNull();
    engine.getTaskService().complete(task.getId(), variables);
  }

  private List<Job> dueJobs(String key) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
        .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
            .executable().active().list().stream())
        .toList();
  }

  private void runDueJobs(String key) {
    runDueJobsBut(key, null);
  }

  private void runDueJobsBut(String key, String activityId) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = dueJobs(key).stream()
          .filter(j -> activityId == null || !activityId.equals(activityOf(j))).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs of " + key + " keep coming");
  }

  private String activityOf(Job job) {
    return engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
        .singleResult().getActivityId();
  }

  private Job jobAt(String key, String activityId) {
    return dueJobs(key).stream().filter(j -> activityId.equals(activityOf(j))).findFirst()
        .orElseThrow(() -> new AssertionError("no job at " + activityId));
  }

  private Exception attempt(Job job) {
    try {
      engine.getManagementService().executeJob(job.getId());
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  private void advanceClock(String key, Duration by) {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(by)));
    runDueJobs(key);
  }

  /** What GreenMail received for the subscribers (not the incident's own emails). */
  private static MimeMessage[] subscriberMail() throws Exception {
    return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
      try {
        return m.getHeader("List-Unsubscribe") != null;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toArray(MimeMessage[]::new);
  }

  private static MimeMessage byRecipient(MimeMessage[] received, String address) {
    return Arrays.stream(received).filter(m -> to(m).equalsIgnoreCase(address)).findFirst()
        .orElseThrow(() -> new AssertionError("nothing for " + address));
  }

  private static String to(MimeMessage m) {
    try {
      return ((InternetAddress) m.getRecipients(RecipientType.TO)[0]).getAddress();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String token(String link) {
    Matcher m = Pattern.compile("[?&]token=([^&]+)").matcher(link);
    assertThat(m.find()).as(link).isTrue();
    return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
  }

  private static Map<String, String> parts(MimeMessage message) {
    try {
      Map<String, String> parts = new LinkedHashMap<>();
      collect(message.getContent(), parts);
      return parts;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(Object content, Map<String, String> parts) throws Exception {
    if (content instanceof MimeMultipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.getContent() instanceof MimeMultipart nested) {
          collect(nested, parts);
        } else {
          parts.put(part.getContentType().split(";")[0].strip().toLowerCase(), part.getContent().toString());
        }
      }
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
