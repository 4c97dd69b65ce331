package io.firebreak.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /oncall}, {@code /api/oncall}, the dry run and the acknowledge link over real HTTP against
 * the booted application, with the catalog in a temporary file (so reloading is real) and the
 * engine clock fixed around a Monday 09:00 UTC hand-off of the test catalog.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OnCallApiTest {

  private static final Path CATALOG;
  private static final String ORIGINAL;

  static {
    try {
      CATALOG = Files.createTempFile("firebreak-catalog", ".yaml");
      CATALOG.toFile().deleteOnExit();
      ORIGINAL = new ClassPathResource("oncall/test-catalog.yaml").getContentAsString(StandardCharsets.UTF_8);
      Files.writeString(CATALOG, ORIGINAL);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void catalogFile(DynamicPropertyRegistry registry) {
    registry.add("firebreak.catalog.location", () -> "file:" + CATALOG);
    registry.add("firebreak.catalog.reload-check", () -> "0s");
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired CatalogIdentity catalogIdentity;
  @Autowired CatalogStore catalogStore;
  Http admin;
  Http anonymous;

  @BeforeEach
  void clients() throws IOException {
    admin = new Http(port, "admin", "test-admin");
    anonymous = new Http(port, null, null);
    writeCatalog(ORIGINAL);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static void clockAt(String instant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
  }

  private static int version;

  /** Writes the catalog file with a modification time that is certainly new. */
  private static void writeCatalog(String text) throws IOException {
    Files.writeString(CATALOG, text);
    Files.setLastModifiedTime(CATALOG, FileTime.from(Instant.now().plusSeconds(++version)));
  }

  private static JsonNode service(JsonNode board, String id) {
    for (JsonNode s : board.get("services")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no service " + id + " in " + board);
  }

  @Test
  void theJsonShowsWhoIsOnCallNowAndAfterTheHandOff() {
    clockAt("2026-03-16T08:59:00Z");
    Http.Response before = admin.get("/api/oncall");
    assertThat(before.status()).as(before.body()).isEqualTo(200);
    JsonNode payments = service(before.json(), "payments-api");
    assertThat(payments.at("/primary/id").asText()).isEqualTo("bob");
    assertThat(payments.at("/primary/name").asText()).isEqualTo("Bob <Builder> & Sons");
    assertThat(payments.at("/primary/email").asText()).isEqualTo("bob@example.com");
    assertThat(payments.at("/primary/until").asText()).isEqualTo("2026-03-16T09:00:00Z");
    assertThat(payments.at("/secondary/id").asText()).isEqualTo("carol");
    assertThat(payments.at("/runbook").asText()).isEqualTo("https://runbooks.example.com/payments-api?x=1&y=<2>");
    assertThat(payments.at("/team/name").asText()).isEqualTo("Payments");
    assertThat(payments.get("experts")).extracting(e -> e.get("id").asText()).containsExactly("alice", "bob");
    assertThat(payments.at("/thirdParties/0/name").asText()).isEqualTo("Stripe");
    assertThat(payments.at("/thirdParties/0/contact").asText()).isEqualTo("support@stripe.example <24/7>");
    assertThat(payments.at("/escalationPolicy/SEV1").asText()).isEqualTo("critical");
    assertThat(before.json().get("at").asText()).isEqualTo("2026-03-16T08:59:00Z");

    clockAt("2026-03-16T09:00:00Z");
    JsonNode after = service(admin.get("/api/oncall").json(), "payments-api");
    assertThat(after.at("/primary/id").asText()).isEqualTo("carol");
    assertThat(after.at("/primary/until").asText()).isEqualTo("2026-03-23T09:00:00Z");
    assertThat(after.at("/secondary/id").asText()).isEqualTo("alice");
  }

  @Test
  void thePageIsHtmlForAPhoneWithEveryValueEscaped() {
    clockAt("2026-03-16T08:59:00Z");
    Http.Response page = admin.get("/oncall");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    assertThat(page.body())
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "As of Mon 16 Mar 08:59 UTC")
        .contains("Payments &lt;API&gt;", "Bob &lt;Builder&gt; &amp; Sons", "until Mon 16 Mar 09:00 UTC")
        .contains("href=\"https://runbooks.example.com/payments-api?x&#x3D;1&amp;y&#x3D;&lt;2&gt;\"")
        .contains("Stripe: support@stripe.example &lt;24/7&gt;", "Carol Chen", "Ledger")
        .doesNotContain("<Builder>", "<API>", "<24/7>");

    clockAt("2026-03-16T09:00:00Z");
    String afterHandOff = admin.get("/oncall").body();
    assertThat(afterHandOff.substring(afterHandOff.indexOf("id=\"service-payments-api\"")))
        .containsSubsequence("Primary", "Carol Chen", "until Mon 23 Mar 09:00 UTC", "Secondary", "Alice Archer");
  }

  @Test
  void everythingOnCallNeedsALogin() {
    for (String path : List.of("/oncall", "/api/oncall", "/api/oncall/dry-run?service=payments-api&severity=SEV1",
        "/oncall/acknowledge/INC-1")) {
      Http.Response r = anonymous.get(path);
      assertThat(r.status()).as(path).isEqualTo(401);
      // A browser shows its login prompt.
      assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    }
  }

  @Test
  void theDryRunListsWhoIsPagedAndToldInOrderWithDelays() {
    clockAt("2026-03-16T08:57:00Z");
    Http.Response r = admin.get("/api/oncall/dry-run?service=payments-api&severity=sev1");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode run = r.json();
    assertThat(run.get("policy").asText()).isEqualTo("critical");
    assertThat(run.get("pages")).extracting(p -> p.get("atMinute").asInt() + " " + p.get("page").asText() + " "
            + p.get("waitMinutes").asInt())
        // SEV1's response plan caps every wait at 5 minutes; at minute 5 (09:02) the secondary is the new week's.
        .containsExactly("0 bob 5", "5 alice 5", "10 lena 5", "15 leadership 5");
    assertThat(run.at("/pages/0/element").asText()).isEqualTo("Task_PageEscalationLevel");
    assertThat(run.at("/pages/3/members")).extracting(JsonNode::asText).contains("lena");
    // Told at once (no person's task first): the declaration's announcement and email, leadership on the escalation timer.
    assertThat(immediatelyTold(run))
        .containsExactly("0 broadcast Announce incident", "0 distribution Send initial email", "60 leadership Notify leadership");
    // Later, as the models have it: every status update (after the comms lead writes it) to the channel, broadcast and list.
    assertThat(run.get("told")).filteredOn(t -> t.get("after").toString().equals("[\"Post status update\"]"))
        .extracting(t -> t.get("atMinute").asInt() + " " + t.get("who").asText() + " " + t.get("process").asText())
        .containsExactly("15 incident incident-communication", "15 broadcast incident-communication",
            "15 distribution incident-communication");
    assertThat(run.get("steps")).extracting(st -> st.get("element").asText())
        .containsSubsequence("Task_ClassifySeverity", "Task_DetermineResponsePlan", "Task_OpenIncidentChannel",
            "Task_AnnounceIncident", "Task_SendInitialEmail", "Task_PageEscalationLevel");
    assertThat(run.get("models").get("incident-declaration").asInt()).isPositive();

    // What the dry run cannot know (customers affected?) shows as a condition, unless it is given.
    assertThat(run.get("steps")).filteredOn(st -> st.get("element").asText().equals("Task_PublishCustomerStatement"))
        .singleElement().satisfies(st -> assertThat(st.get("when")).extracting(JsonNode::asText)
            .containsExactly("Customers affected? yes"));
    JsonNode affected = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV1&customerImpact=true").json();
    assertThat(affected.get("steps")).filteredOn(st -> st.get("element").asText().equals("Task_UpdateStatusPage"))
        .isNotEmpty().allSatisfy(st -> assertThat(st.get("when")).isEmpty());
    JsonNode unaffected = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV1&customerImpact=false").json();
    assertThat(unaffected.get("steps")).extracting(st -> st.get("element").asText())
        .doesNotContain("Task_UpdateStatusPage", "Task_PublishCustomerStatement");

    JsonNode sev3 = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV3").json();
    assertThat(sev3.get("policy").asText()).isEqualTo("standard");
    assertThat(sev3.get("pages")).hasSize(6);
    assertThat(immediatelyTold(sev3)).containsExactly("0 broadcast Announce incident", "0 distribution Send initial email");
    assertThat(sev3.get("told")).extracting(t -> t.get("who").asText()).doesNotContain("leadership");

    JsonNode sev4 = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV4").json();
    assertThat(sev4.get("fullResponse").asBoolean()).isFalse();
    assertThat(sev4.get("pages")).isEmpty();
    assertThat(sev4.get("told")).isEmpty();
    assertThat(sev4.get("note").asText()).contains("nobody is paged");
    assertThat(sev4.get("steps")).filteredOn(st -> st.get("kind").asText().equals("user"))
        .extracting(st -> st.get("name").asText() + " " + st.get("candidateGroups").asText())
        .containsExactly("Handle minor incident responders");
  }

  @Test
  void theDryRunFollowsADeployedDeclarationWithoutRestart() throws IOException {
    clockAt("2026-03-16T08:57:00Z");
    String shipped = new ClassPathResource("processes/incident-declaration.bpmn").getContentAsString(StandardCharsets.UTF_8);
    try {
      // A process owner drops the broadcast announcement.
      int withoutBroadcast = deployDeclaration(withoutStep(shipped, "Task_AnnounceIncident"));
      JsonNode run = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV1").json();
      assertThat(run.get("models").get("incident-declaration").asInt()).isEqualTo(withoutBroadcast);
      assertThat(run.get("steps")).extracting(st -> st.get("element").asText()).doesNotContain("Task_AnnounceIncident")
          .contains("Task_SendInitialEmail");
      assertThat(immediatelyTold(run)).containsExactly("0 distribution Send initial email", "60 leadership Notify leadership");

      // ... and then announces to a second channel after the broadcast one.
      int secondChannel = deployDeclaration(withSecondAnnouncement(shipped, "ops-announcements"));
      run = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV1").json();
      assertThat(run.get("models").get("incident-declaration").asInt()).isEqualTo(secondChannel);
      assertThat(immediatelyTold(run)).containsExactly("0 broadcast Announce incident",
          "0 ops-announcements Announce incident to operations", "0 distribution Send initial email",
          "60 leadership Notify leadership");
      assertThat(run.get("told")).filteredOn(t -> t.get("who").asText().equals("ops-announcements")).singleElement()
          .satisfies(t -> assertThat(t.get("element").asText()).isEqualTo("Task_AnnounceIncidentToOperations"));
      // A model the engine cannot evaluate (a decision that is not deployed) is a clear 400, not an engine message.
      deployDeclaration(shipped.replace("camunda:decisionRef=\"response-plan\"", "camunda:decisionRef=\"no-such-plan\""));
      Http.Response broken = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV1");
      assertThat(broken.status()).isEqualTo(400);
      assertThat(broken.json().get("error").asText()).isEqualTo("dry_run_failed");
      assertThat(broken.json().get("detail").asText()).contains("SEV1", "payments-api").doesNotContain("ENGINE-");
    } finally {
      deployDeclaration(shipped);
    }
    assertThat(immediatelyTold(admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV1").json()))
        .containsExactly("0 broadcast Announce incident", "0 distribution Send initial email", "60 leadership Notify leadership");
  }

  /** Who is told without waiting for anyone's task, as "minute who step". */
  @Test
  void theDryRunFollowsThePlansBroadcastDecisionForTheType() {
    clockAt("2026-03-16T08:57:00Z");
    // The shipped plan keeps security incidents out of the broadcast channel (output "broadcast").
    JsonNode security = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV1&type=security").json();
    assertThat(immediatelyTold(security)).noneMatch(t -> t.contains("broadcast"));
    JsonNode outage = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV1&type=outage").json();
    assertThat(immediatelyTold(outage)).contains("0 broadcast Announce incident");
    // Types are the deployed ones: an alias names its type, an unknown one is a clear 400.
    JsonNode alias = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV1&type=availability").json();
    assertThat(immediatelyTold(alias)).isEqualTo(immediatelyTold(outage));
    Http.Response unknown = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV1&type=fire");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("error").asText()).isEqualTo("unknown_type");
    assertThat(unknown.json().get("detail").asText()).contains("fire", "outage", "clinical-safety");
  }

  private static List<String> immediatelyTold(JsonNode run) {
    List<String> told = new java.util.ArrayList<>();
    run.get("told").forEach(t -> {
      if (t.get("after").isEmpty() && t.get("when").isEmpty()) {
        told.add(t.get("atMinute").asInt() + " " + t.get("who").asText() + " " + t.get("how").asText());
      }
    });
    return told;
  }

  /** Deploys a declaration as Camunda Modeler would (its own deployment); returns the new version. */
  private int deployDeclaration(String bpmn) {
    var repository = engine.getRepositoryService();
    String id = repository.createDeployment().name("incident-declaration").source("Camunda Modeler")
        .addString("incident-declaration.bpmn", bpmn).deploy().getId();
    return repository.createProcessDefinitionQuery().deploymentId(id).singleResult().getVersion();
  }

  /** The model without a service task: what flowed into it flows to its successor; its shape is gone too. */
  static String withoutStep(String bpmn, String id) {
    java.util.regex.Matcher out = java.util.regex.Pattern.compile("<bpmn:sequenceFlow id=\"(\\w+)\" sourceRef=\""
        + id + "\" targetRef=\"(\\w+)\"[^>]*/>").matcher(bpmn);
    assertThat(out.find()).as("flow out of %s", id).isTrue();
    String flow = out.group(1);
    String next = out.group(2);
    String result = bpmn.replace(out.group(), "")
        .replaceAll("(?s)<bpmn:serviceTask id=\"" + id + "\".*?</bpmn:serviceTask>", "")
        .replaceAll("(?s)<bpmndi:BPMNShape id=\"" + id + "_di\".*?</bpmndi:BPMNShape>", "")
        .replaceAll("(?s)<bpmndi:BPMNEdge id=\"" + flow + "_di\".*?</bpmndi:BPMNEdge>", "");
    java.util.regex.Matcher in = java.util.regex.Pattern.compile("<bpmn:sequenceFlow id=\"(\\w+)\"[^>]*? targetRef=\""
        + id + "\"").matcher(result);
    assertThat(in.find()).as("flow into %s", id).isTrue();
    return result.replace("<bpmn:incoming>" + flow + "</bpmn:incoming>", "<bpmn:incoming>" + in.group(1) + "</bpmn:incoming>")
        .replace("targetRef=\"" + id + "\"", "targetRef=\"" + next + "\"");
  }

  /** The model with a second announcement, to {@code channel}, right after the broadcast one. */
  static String withSecondAnnouncement(String bpmn, String channel) {
    // Whatever follows the broadcast announcement now follows the second one.
    java.util.regex.Matcher out = java.util.regex.Pattern.compile(
        "<bpmn:sequenceFlow id=\"(\\w+)\" sourceRef=\"Task_AnnounceIncident\" targetRef=\"(\\w+)\"").matcher(bpmn);
    assertThat(out.find()).as("flow out of Task_AnnounceIncident").isTrue();
    String after = out.group(1);
    String task = "<bpmn:serviceTask id=\"Task_AnnounceIncidentToOperations\" name=\"Announce incident to operations\""
        + " camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${postToSlack}\"><bpmn:extensionElements>"
        + "<camunda:inputOutput><camunda:inputParameter name=\"channel\">" + channel + "</camunda:inputParameter>"
        + "<camunda:inputParameter name=\"template\">incident-declared</camunda:inputParameter></camunda:inputOutput>"
        + "</bpmn:extensionElements><bpmn:incoming>Flow_ToSecondAnnouncement</bpmn:incoming>"
        + "<bpmn:outgoing>" + after + "</bpmn:outgoing></bpmn:serviceTask>"
        + "<bpmn:sequenceFlow id=\"Flow_ToSecondAnnouncement\" sourceRef=\"Task_AnnounceIncident\""
        + " targetRef=\"Task_AnnounceIncidentToOperations\" />";
    String withFlow = bpmn.replace(out.group(), out.group().replace("sourceRef=\"Task_AnnounceIncident\"",
        "sourceRef=\"Task_AnnounceIncidentToOperations\""));
    assertThat(withFlow).isNotEqualTo(bpmn);
    String announce = withFlow.substring(withFlow.indexOf("<bpmn:serviceTask id=\"Task_AnnounceIncident\""));
    announce = announce.substring(0, announce.indexOf("</bpmn:serviceTask>") + "</bpmn:serviceTask>".length());
    return withFlow.replace(announce, announce.replace("<bpmn:outgoing>" + after + "</bpmn:outgoing>",
        "<bpmn:outgoing>Flow_ToSecondAnnouncement</bpmn:outgoing>") + task);
  }

  @Test
  void theDryRunRejectsUnknownServicesAndSeverities() {
    Http.Response service = admin.get("/api/oncall/dry-run?service=nope&severity=SEV1");
    assertThat(service.status()).isEqualTo(400);
    assertThat(service.json().get("error").asText()).isEqualTo("unknown_service");
    assertThat(service.json().get("detail").asText()).contains("nope", "payments-api", "ledger");

    Http.Response severity = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV9");
    assertThat(severity.status()).isEqualTo(400);
    assertThat(severity.json().get("error").asText()).isEqualTo("unknown_severity");

    Http.Response missing = admin.get("/api/oncall/dry-run?service=payments-api");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("detail").asText()).contains("severity");
  }

  @Test
  void anEditedCatalogFileIsShownWithoutRestartAndAnInvalidEditKeepsTheLastGoodOne() throws IOException {
    writeCatalog(ORIGINAL.replace("name: Ledger", "name: General ledger"));
    assertThat(service(admin.get("/api/oncall").json(), "ledger").get("name").asText()).isEqualTo("General ledger");

    writeCatalog(ORIGINAL.replace("name: Ledger", "name: Broken ledger\n    tier: 9"));
    JsonNode board = admin.get("/api/oncall").json();
    assertThat(service(board, "ledger").get("name").asText()).isEqualTo("General ledger");
    assertThat(board.get("reloadProblem").asText()).contains("services.ledger.tier", "line ");
    assertThat(admin.get("/oncall").body()).contains("changed but is invalid", "services.ledger.tier");
  }

  @Test
  void declaringAnIncidentForACatalogServicePagesExactlyThePrimaryAndTheLinkOpensTheTask() {
    clockAt("2026-03-10T10:00:00Z");
    Http.Response declared = admin.postJson("/api/incidents", Map.of("title", "Card payments failing",
        "service", "payments-api", "type", "outage", "proposedSeverity", "SEV2", "customerImpact", true));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    String key = declared.json().get("key").asText();
    runJobs(key);

    Task ack = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey(EscalationProcess.Elements.ACKNOWLEDGE_PAGE).singleResult();
    assertThat(ack.getAssignee()).isEqualTo("bob");
    // No paging adapter in this application: the timeline says who would have been paged, once.
    JsonNode incident = admin.get("/api/incidents/" + key).json();
    assertThat(incident.toString()).contains("Paging not configured: bob not paged").doesNotContain("carol not paged");

    Http.Response link = admin.get("/oncall/acknowledge/" + key);
    assertThat(link.status()).isEqualTo(302);
    assertThat(link.headers().firstValue("Location")).hasValue("/camunda/app/tasklist/default/#/?task=" + ack.getId());

    engine.getTaskService().complete(ack.getId());
    Http.Response gone = admin.get("/oncall/acknowledge/" + key);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).contains("No page of " + key + " is waiting");
    // The key comes from the URL: it is shown as text.
    Http.Response odd = admin.get("/oncall/acknowledge/INC-%3Cb%3E");
    assertThat(odd.status()).isEqualTo(404);
    assertThat(odd.body()).contains("No page of INC-&lt;b&gt; is waiting").doesNotContain("<b>");
  }

  @Test
  void catalogPeopleAndTeamsAreInTheIdentityStoreWithoutAPassword() {
    var identity = engine.getIdentityService();
    var bob = identity.createUserQuery().userId("bob").singleResult();
    assertThat(bob.getEmail()).isEqualTo("bob@example.com");
    assertThat(bob.getFirstName()).isEqualTo("Bob");
    assertThat(identity.createGroupQuery().groupMember("bob").list()).extracting(g -> g.getId())
        .contains("payments", "responders");
    assertThat(identity.createGroupQuery().groupId("payments").singleResult().getName()).isEqualTo("Payments");
    assertThat(identity.createUserQuery().memberOfGroup("leadership").userId("lena").count()).isOne();
    // Provisioning again, as after every reload, adds nothing twice and fails on nothing already there.
    List<String> bobsGroups = identity.createGroupQuery().groupMember("bob").list().stream().map(g -> g.getId()).toList();
    long users = identity.createUserQuery().count();
    long groups = identity.createGroupQuery().count();
    catalogIdentity.provision(catalogStore.catalog());
    assertThat(identity.createGroupQuery().groupMember("bob").list()).extracting(g -> g.getId())
        .containsExactlyInAnyOrderElementsOf(bobsGroups);
    assertThat(identity.createUserQuery().count()).isEqualTo(users);
    assertThat(identity.createGroupQuery().count()).isEqualTo(groups);
    // No password was configured for catalog people: they cannot log in (an admin sets one).
    assertThat(new Http(port, "lena", "").get("/api/oncall").status()).isEqualTo(401);
  }

  @Test
  void thePageReadsOnAPhoneInARealBrowser() {
    io.firebreak.Browser.assumeAvailable();
    clockAt("2026-03-16T08:59:00Z");
    io.firebreak.Browser phone = io.firebreak.Browser.phone(port);
    WebDriver browser = phone.driver();
    try {
      // Credentials in the URL answer the Basic-auth prompt a person would type into.
      phone.getAs("admin", "test-admin", "/oncall");
      assertThat(browser.getTitle()).isEqualTo("On call now — Firebreak");
      WebElement payments = browser.findElement(By.id("service-payments-api"));
      assertThat(payments.findElement(By.tagName("h2")).getText()).startsWith("Payments <API>");
      assertThat(payments.findElement(By.cssSelector(".primary .name")).getText()).isEqualTo("Bob <Builder> & Sons");
      assertThat(payments.findElement(By.cssSelector(".secondary .name")).getText()).isEqualTo("Carol Chen");
      assertThat(payments.findElement(By.cssSelector(".primary .until")).getText()).isEqualTo("until Mon 16 Mar 09:00 UTC");
      assertThat(payments.findElement(By.linkText("https://runbooks.example.com/payments-api?x=1&y=<2>"))
          .getAttribute("href")).isEqualTo("https://runbooks.example.com/payments-api?x=1&y=%3C2%3E");
      // User text stays text: no element was injected by names or contacts.
      assertThat(browser.findElements(By.tagName("builder"))).isEmpty();
      assertThat(browser.findElements(By.tagName("api"))).isEmpty();
      // Readable on a phone: nothing wider than the screen, text not shrunk.
      JavascriptExecutor js = (JavascriptExecutor) browser;
      long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
      long viewport = ((Number) js.executeScript("return window.innerWidth")).longValue();
      assertThat(viewport).isLessThanOrEqualTo(400);
      assertThat(scrollWidth).as("page width on a %d px screen", viewport).isLessThanOrEqualTo(viewport);
      double fontPx = Double.parseDouble(((String) js.executeScript(
          "return getComputedStyle(document.querySelector('.primary .name')).fontSize")).replace("px", ""));
      assertThat(fontPx).isGreaterThanOrEqualTo(16);
      phone.forGuide("oncall-phone");
    } catch (RuntimeException | AssertionError e) {
      phone.check("oncall-phone", () -> {
        throw e;
      });
    } finally {
      phone.close();
    }
  }

  /** Runs the incident's due jobs (no job executor in the test profile), bounded. */
  private void runJobs(String key) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list()
          .stream().flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
              .executable().active().list().stream()).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(j -> engine.getManagementService().executeJob(j.getId()));
    }
    throw new IllegalStateException("jobs keep coming");
  }
}
