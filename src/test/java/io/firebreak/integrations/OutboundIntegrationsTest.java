package io.firebreak.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.firebreak.Http;
import io.firebreak.comms.FakeSlack;
import io.firebreak.incident.IncidentRepository;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Tickets, video bridges and webhooks (issue 17) with the shipped models, over real HTTP: Firebreak
 * booted on a random port, a WireMock fake of Jira Cloud, Zoom and two webhook receivers, the real
 * Slack client against {@link FakeSlack}, real SMTP to GreenMail. No job executor: the tests run the
 * jobs, as the executor or an operator's "Retry" in Cockpit would, so timeouts and retries are exact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class OutboundIntegrationsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final WireMockServer FAKES = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
  static final FakeSlack SLACK = new FakeSlack();
  static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
  static final GreenMail MAIL = new GreenMail(SMTP);
  static final String JIRA_TOKEN = "jira-api-token-never-shown";
  static final String ZOOM_SECRET = "zoom-client-secret-never-shown";
  static final String ZOOM_TOKEN = "zoom-access-token";
  static final String SUBSCRIBER_KEY = "subscriber-signing-key";
  static final String RECEIVER_KEY = "receiver-signing-key";
  static final String JOIN_URL = "https://zoom.us/j/85746352?pwd=bridge";

  static {
    FAKES.start();
    MAIL.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      FAKES.stop();
      SLACK.close();
      MAIL.stop();
    }));
  }

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    String fakes = "http://127.0.0.1:" + FAKES.port();
    registry.add("firebreak.slack.token", () -> "xoxb-test-token");
    registry.add("firebreak.slack.api-url", SLACK::apiUrl);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", SMTP::getPort);
    registry.add("firebreak.mail.from", () -> "firebreak@example.com");
    // A short read timeout so that the slow Jira below times out the step.
    registry.add("firebreak.integrations.timeout", () -> "PT1S");
    registry.add("firebreak.integrations.secrets.jira.base-url", () -> fakes + "/jira");
    registry.add("firebreak.integrations.secrets.jira.username", () -> "firebreak@example.com");
    registry.add("firebreak.integrations.secrets.jira.password", () -> JIRA_TOKEN);
    registry.add("firebreak.integrations.secrets.zoom.base-url", () -> fakes + "/zoom/v2");
    // Zoom Server-to-Server OAuth: the access token comes from the token URL.
    registry.add("firebreak.integrations.secrets.zoom.token-url",
        () -> fakes + "/zoom/oauth/token?grant_type=account_credentials&account_id=acct-1");
    registry.add("firebreak.integrations.secrets.zoom.client-id", () -> "zoom-client");
    registry.add("firebreak.integrations.secrets.zoom.client-secret", () -> ZOOM_SECRET);
    registry.add("firebreak.integrations.secrets.receiver.base-url", () -> fakes + "/hooks");
    registry.add("firebreak.integrations.secrets.receiver.signing-key", () -> RECEIVER_KEY);
    registry.add("firebreak.integrations.subscribers[0].name", () -> "ops-bus");
    registry.add("firebreak.integrations.subscribers[0].url", () -> fakes + "/hooks/ops-bus");
    registry.add("firebreak.integrations.subscribers[0].signing-key", () -> SUBSCRIBER_KEY);
    registry.add("firebreak.integrations.subscribers[0].events", () -> "declared,resolved,closed");
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired IncidentRepository incidents;
  @Autowired JdbcTemplate jdbc;
  @Autowired Credentials credentials;
  @Autowired DeliveryLogRetention retention;
  Http admin;

  @BeforeEach
  void fakes() throws Exception {
    admin = new Http(port, "admin", "test-admin");
    FAKES.resetAll();
    credentials.forget();
    FAKES.stubFor(post(urlPathEqualTo("/jira/rest/api/3/issue")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"10001\",\"key\":\"OPS-7\",\"self\":\"http://jira/rest/api/3/issue/10001\"}")));
    FAKES.stubFor(get(urlPathEqualTo("/jira/rest/api/3/search/jql")).willReturn(okJson("{\"issues\":[]}")));
    FAKES.stubFor(post(urlPathMatching("/jira/rest/api/3/issue/OPS-7/(comment|transitions)"))
        .willReturn(aResponse().withStatus(204)));
    FAKES.stubFor(post(urlPathEqualTo("/zoom/v2/users/me/meetings")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":85746352,\"join_url\":\"" + JOIN_URL + "\",\"topic\":\"x\"}")));
    FAKES.stubFor(post(urlPathEqualTo("/zoom/oauth/token")).willReturn(okJson(
        "{\"access_token\":\"" + ZOOM_TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
    FAKES.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(202)));
    SLACK.reset();
    SLACK.addChannel("incidents", false);
    MAIL.purgeEmailFromAllMailboxes();
  }

  @Test
  void aSev1GetsOneTicketEvenWhenTheCreateTimesOutAndItsBridgeInChannelEmailAndApi() throws Exception {
    // Jira is slow on the first create: it makes the issue, but answers after Firebreak gave up.
    FAKES.stubFor(post(urlPathEqualTo("/jira/rest/api/3/issue")).inScenario("jira")
        .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("created")
        .willReturn(aResponse().withStatus(201).withFixedDelay(2500).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"10001\",\"key\":\"OPS-7\"}")));
    FAKES.stubFor(get(urlPathEqualTo("/jira/rest/api/3/search/jql")).inScenario("jira").whenScenarioStateIs("created")
        .willReturn(okJson("{\"issues\":[{\"id\":\"10001\",\"key\":\"OPS-7\"}]}")));

    String key = declare("Checkout down for everyone", "SEV1");
    List<String> failures = runDueJobs(key);
    assertThat(failures).as("the ticket step timed out once").hasSize(1);
    assertThat(failures.get(0)).startsWith("Task_CreateTicket").contains("will be retried").doesNotContain(JIRA_TOKEN);
    // The join waits for the ticket: no email yet, no topic.
    assertThat(MAIL.getReceivedMessages()).isEmpty();

    // The retry (its due time: 30 s later) finds the issue the timed-out attempt made and adopts it.
    engine.getManagementService().executeJob(jobAt(key, "Task_CreateTicket").getId());
    assertThat(runDueJobs(key)).isEmpty();

    FAKES.verify(1, postRequestedFor(urlPathEqualTo("/jira/rest/api/3/issue")));
    LoggedRequest create = FAKES.findAll(postRequestedFor(urlPathEqualTo("/jira/rest/api/3/issue"))).get(0);
    assertThat(create.getHeader("Authorization")).isEqualTo("Basic "
        + java.util.Base64.getEncoder().encodeToString(("firebreak@example.com:" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8)));
    String idempotencyKey = create.getHeader("Idempotency-Key");
    assertThat(idempotencyKey).matches("[0-9a-f-]{36}");
    JsonNode issue = JSON.readTree(create.getBodyAsString());
    assertThat(issue.at("/fields/project/key").asText()).isEqualTo("OPS");
    assertThat(issue.at("/fields/summary").asText()).isEqualTo("[" + key + "][SEV1] Checkout down for everyone");
    assertThat(issue.at("/fields/labels").toString()).contains("firebreak-" + idempotencyKey);
    LoggedRequest search = FAKES.findAll(getRequestedFor(urlPathEqualTo("/jira/rest/api/3/search/jql"))).get(0);
    assertThat(search.queryParameter("jql").firstValue()).isEqualTo("labels=\"firebreak-" + idempotencyKey + "\"");
    assertThat(search.getHeader("Idempotency-Key")).isEqualTo(idempotencyKey);

    FAKES.verify(1, postRequestedFor(urlPathEqualTo("/zoom/v2/users/me/meetings"))
        .withHeader("Authorization", equalTo("Bearer " + ZOOM_TOKEN)));
    LoggedRequest tokenRequest = FAKES.findAll(postRequestedFor(urlPathEqualTo("/zoom/oauth/token"))).get(0);
    assertThat(tokenRequest.queryParameter("account_id").firstValue()).isEqualTo("acct-1");
    assertThat(tokenRequest.getHeader("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
        .encodeToString(("zoom-client:" + ZOOM_SECRET).getBytes(StandardCharsets.UTF_8)));

    // The first email says where the team is coordinating: channel, bridge, ticket.
    MimeMessage initial = Arrays.stream(MAIL.getReceivedMessages()).filter(m -> subject(m).startsWith("[" + key + "]"))
        .findFirst().orElseThrow();
    assertThat(decoded(initial)).contains("video bridge " + JOIN_URL, "OPS-7 http://127.0.0.1:" + FAKES.port() + "/jira/browse/OPS-7");

    // The channel topic carries both.
    String topic = SLACK.handled("conversations.setTopic").get(0).param("topic");
    assertThat(topic).contains("Bridge: " + JOIN_URL.replace("&", "&amp;"), "/jira/browse/OPS-7");

    // The incident API.
    JsonNode links = admin.get("/api/incidents/" + key).json().get("links");
    assertThat(links.at("/ticket/ref").asText()).isEqualTo("OPS-7");
    assertThat(links.at("/ticket/url").asText()).endsWith("/jira/browse/OPS-7");
    assertThat(links.at("/bridge/url").asText()).isEqualTo(JOIN_URL);

    // The subscriber heard of the declaration, signed, with the links.
    LoggedRequest declared = webhook("/hooks/ops-bus", "declared");
    assertSigned(declared, SUBSCRIBER_KEY);
    JsonNode payload = JSON.readTree(declared.getBodyAsString());
    assertThat(payload.at("/incident/key").asText()).isEqualTo(key);
    assertThat(payload.at("/incident/links/ticket/ref").asText()).isEqualTo("OPS-7");
    assertThat(jdbc.queryForList("SELECT state FROM fb_outbound_delivery WHERE incident_key = ? AND target = ?",
        String.class, key, "webhook:ops-bus")).containsExactly("DELIVERED");
  }

  @Test
  void aTicketThatKeepsFailingBecomesACockpitIncidentThatNamesNoSecret() throws Exception {
    FAKES.stubFor(post(urlPathEqualTo("/jira/rest/api/3/issue")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody("{\"errors\":{\"project\":\"project is required\"}}")));
    String key = declare("Search is slow", "SEV2");
    runDueJobs(key);
    Job job = jobAt(key, "Task_CreateTicket");
    engine.getManagementService().setJobRetries(job.getId(), 1);
    try {
      engine.getManagementService().executeJob(job.getId());
    } catch (RuntimeException expected) {
      // the last retry fails
    }
    List<Incident> cockpit = engine.getRuntimeService().createIncidentQuery().activityId("Task_CreateTicket").list()
        .stream().filter(i -> engine.getRuntimeService().createProcessInstanceQuery()
            .processInstanceId(i.getProcessInstanceId()).processInstanceBusinessKey(key).count() == 1).toList();
    assertThat(cockpit).hasSize(1);
    assertThat(cockpit.get(0).getIncidentMessage()).contains("answered 400", "project is required")
        .doesNotContain(JIRA_TOKEN);
    assertThat(jdbc.queryForObject("SELECT state FROM fb_outbound_delivery WHERE incident_key = ? AND target LIKE 'POST %/issue'",
        String.class, key)).isEqualTo("REJECTED");
    // Operator fixed the project: Cockpit's retry creates it.
    FAKES.resetMappings();
    fakes();
    engine.getManagementService().setJobRetries(job.getId(), 1);
    engine.getManagementService().executeJob(job.getId());
    assertThat(admin.get("/api/incidents/" + key).json().at("/links/ticket/ref").asText()).isEqualTo("OPS-7");
  }

  @Test
  void theTicketIsCommentedAtResolutionAndClosedAtCloseAndSubscribersHearBoth() throws Exception {
    String key = declare("Payments failing", "SEV2");
    assertThat(runDueJobs(key)).isEmpty();
    complete(key, "Task_AcknowledgePage", Map.of());
    complete(key, "Task_TriageIncident", Map.of("confirmedSeverity", "SEV2", "incidentType", "outage",
        "customerImpact", false, "commsLead", "admin"));
    complete(key, "Task_InvestigateIncident", Map.of("findings", "Bad config push", "thirdPartyInvolved", false));
    complete(key, "Task_MitigateImpact", Map.of("mitigationSummary", "Rolled back"));
    complete(key, "Task_ResolveIncident", Map.of("resolutionSummary", "Config rolled back"));
    FAKES.verify(1, postRequestedFor(urlPathEqualTo("/jira/rest/api/3/issue/OPS-7/comment")));
    JsonNode comment = JSON.readTree(FAKES.findAll(postRequestedFor(urlPathEqualTo("/jira/rest/api/3/issue/OPS-7/comment")))
        .get(0).getBodyAsString());
    assertThat(comment.at("/body/content/0/content/0/text").asText()).isEqualTo(key + " resolved in Firebreak. Config rolled back");
    assertSigned(webhook("/hooks/ops-bus", "resolved"), SUBSCRIBER_KEY);

    complete(key, "Task_ChoosePostmortemAuthor", Map.of("postmortemAuthor", "admin"));
    complete(key, "Task_WritePostmortem", Map.of("cause", "Unvalidated push", "impact", "Payments failed",
        "stepsTaken", "Rolled back", "prevention", "Validate", "actionItems", ""));
    complete(key, "Task_ReviewPostmortem", Map.of("postmortemApproved", true, "reviewComments", "Clear"));
    assertThat(incidents.find(key).orElseThrow().state().name()).isEqualTo("CLOSED");
    JsonNode transition = JSON.readTree(FAKES.findAll(postRequestedFor(urlPathEqualTo(
        "/jira/rest/api/3/issue/OPS-7/transitions"))).get(0).getBodyAsString());
    assertThat(transition.at("/transition/id").asText()).isEqualTo("31");
    LoggedRequest closed = webhook("/hooks/ops-bus", "closed");
    assertSigned(closed, SUBSCRIBER_KEY);
    assertThat(JSON.readTree(closed.getBodyAsString()).at("/incident/state").asText()).isEqualTo("closed");
  }

  @Test
  void operatorsReadTheDeliveryLogAndOldFinishedRowsAreForgotten() throws Exception {
    String key = declare("Checkout slow", "SEV2");
    assertThat(runDueJobs(key)).isEmpty();

    Http.Response log = admin.get("/api/integrations/deliveries?incident=" + key);
    assertThat(log.status()).as(log.body()).isEqualTo(200);
    List<String> targets = new ArrayList<>();
    log.json().get("deliveries").forEach(d -> targets.add(d.get("target").asText() + " " + d.get("state").asText()));
    assertThat(targets).anySatisfy(t -> assertThat(t).contains("/jira/rest/api/3/issue").endsWith("delivered"));
    assertThat(targets).contains("webhook:ops-bus delivered");
    assertThat(log.body()).doesNotContain(JIRA_TOKEN, ZOOM_SECRET, SUBSCRIBER_KEY);
    assertThat(admin.get("/api/integrations/deliveries?state=lost").status()).isEqualTo(400);
    assertThat(admin.get("/api/integrations/deliveries?limit=0").status()).isEqualTo(400);

    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId("rob.responder").count() == 0) {
      var rob = identity.newUser("rob.responder");
      rob.setPassword("pw-rob.responder");
      identity.saveUser(rob);
      identity.createMembership("rob.responder", "responders");
    }
    Http.Response refused = admin.as("rob.responder", "pw-rob.responder").get("/api/integrations/deliveries");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("detail").asText()).contains("operators");

    // Retention: finished rows older than 90 days go; an attempt whose outcome is unknown stays.
    jdbc.update("UPDATE fb_outbound_delivery SET last_attempt_at = TIMESTAMP '2020-01-01 00:00:00'"
        + " WHERE incident_key = ?", key);
    jdbc.update("UPDATE fb_outbound_delivery SET state = 'SENDING' WHERE incident_key = ? AND target = 'webhook:ops-bus'",
        key);
    assertThat(retention.forgetOldDeliveries()).isPositive();
    assertThat(jdbc.queryForList("SELECT target FROM fb_outbound_delivery WHERE incident_key = ?", String.class, key))
        .containsExactly("webhook:ops-bus");
  }

  @Test
  void aWebhookStepAddedInModelerAndDeployedReachesItsReceiverWithoutARestart() throws Exception {
    String shipped = Files.readString(Path.of("processes/incident-declaration.bpmn"));
    String withWebhook = shipped
        .replace("<bpmn:sequenceFlow id=\"Flow_ToFullResponseStarted\" sourceRef=\"Task_SendInitialEmail\"",
            "<bpmn:sequenceFlow id=\"Flow_ToFullResponseStarted\" sourceRef=\"Task_TellTheStatusBoard\"")
        .replace("<bpmn:outgoing>Flow_ToFullResponseStarted</bpmn:outgoing>", "<bpmn:outgoing>Flow_ToTellTheStatusBoard</bpmn:outgoing>")
        .replace("  </bpmn:process>", """
                <bpmn:serviceTask id="Task_TellTheStatusBoard" name="Tell the status board" camunda:modelerTemplate="io.firebreak.callHttp.webhook" camunda:asyncBefore="true" camunda:delegateExpression="${callHttp}">
                  <bpmn:extensionElements>
                    <camunda:inputOutput>
                      <camunda:inputParameter name="method">POST</camunda:inputParameter>
                      <camunda:inputParameter name="url">/status-board/{{key}}</camunda:inputParameter>
                      <camunda:inputParameter name="secret">receiver</camunda:inputParameter>
                      <camunda:inputParameter name="body">{"incident": "{{key}}", "severity": "{{severity}}", "title": "{{title}}"}</camunda:inputParameter>
                      <camunda:inputParameter name="successStatuses">2xx</camunda:inputParameter>
                    </camunda:inputOutput>
                  </bpmn:extensionElements>
                  <bpmn:incoming>Flow_ToTellTheStatusBoard</bpmn:incoming>
                  <bpmn:outgoing>Flow_ToFullResponseStarted</bpmn:outgoing>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="Flow_ToTellTheStatusBoard" sourceRef="Task_SendInitialEmail" targetRef="Task_TellTheStatusBoard" />
              </bpmn:process>""");
    assertThat(withWebhook).contains("sourceRef=\"Task_TellTheStatusBoard\"", "<bpmn:outgoing>Flow_ToTellTheStatusBoard");
    try {
      Http.Response deployed = admin.deploy("status-board-webhook", Map.of("incident-declaration.bpmn", withWebhook));
      assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
      String key = declare("Login fails \"sometimes\"", "SEV2");
      assertThat(runDueJobs(key)).isEmpty();
      List<LoggedRequest> received = FAKES.findAll(postRequestedFor(urlPathEqualTo("/hooks/status-board/" + key)));
      assertThat(received).hasSize(1);
      assertSigned(received.get(0), RECEIVER_KEY);
      JsonNode body = JSON.readTree(received.get(0).getBodyAsString());
      assertThat(body.get("title").asText()).as("user text JSON-escaped").isEqualTo("Login fails \"sometimes\"");
      assertThat(body.get("severity").asText()).isEqualTo("SEV2");
    } finally {
      admin.deploy("restore-shipped", Map.of("incident-declaration.bpmn", shipped));
    }
  }

  // ------------------------------------------------------------------------------------------

  /** The receiver's own check: HMAC-SHA256 over "<timestamp>.<body>" with its key. */
  static void assertSigned(LoggedRequest request, String key) throws Exception {
    String timestamp = request.getHeader("X-Firebreak-Timestamp");
    assertThat(timestamp).matches("\\d+");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.getBody()));
    assertThat(request.getHeader("X-Firebreak-Signature")).isEqualTo(expected);
  }

  static LoggedRequest webhook(String path, String event) {
    List<LoggedRequest> found = FAKES.findAll(postRequestedFor(urlPathEqualTo(path))
        .withHeader("X-Firebreak-Event", equalTo(event)));
    assertThat(found).as("%s at %s", event, path).hasSize(1);
    return found.get(0);
  }

  String declare(String title, String severity) {
    Http.Response declared = admin.postJson("/api/incidents", Map.of("title", title, "description",
        "Seen by support at 14:02", "service", "checkout", "type", "outage", "proposedSeverity", severity,
        "customerImpact", true));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    return declared.json().get("key").asText();
  }

  void complete(String key, String taskDefinitionKey, Map<String, Object> variables) {
    var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey(taskDefinitionKey).singleResult();
    assertThat(task).as("open %s of %s", taskDefinitionKey, key).isNotNull();
    engine.getTaskService().complete(task.getId(), variables);
    assertThat(runDueJobs(key)).isEmpty();
  }

  /** Runs the incident's due jobs until none is left; returns the messages of those that failed. */
  List<String> runDueJobs(String key) {
    List<String> failures = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      List<Job> due = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list()
          .stream().flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
              .executable().active().list().stream()).toList();
      if (due.isEmpty()) {
        return failures;
      }
      for (Job job : due) {
        try {
          engine.getManagementService().executeJob(job.getId());
        } catch (RuntimeException e) {
          failures.add(e.getMessage());
        }
      }
    }
    throw new IllegalStateException("jobs of " + key + " keep coming");
  }

  Job jobAt(String key, String activityId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
        .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
            .activityId(activityId).list().stream())
        .findFirst().orElseThrow(() -> new AssertionError("no job at " + activityId));
  }

  static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text/plain part, decoded. */
  static String decoded(MimeMessage m) throws Exception {
    Object content = m.getContent();
    if (content instanceof jakarta.mail.Multipart multipart) {
      return text(multipart);
    }
    return content.toString();
  }

  private static String text(jakarta.mail.Multipart multipart) throws Exception {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < multipart.getCount(); i++) {
      Object part = multipart.getBodyPart(i).getContent();
      all.append(part instanceof jakarta.mail.Multipart inner ? text(inner) : part.toString()).append('\n');
    }
    return all.toString();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
