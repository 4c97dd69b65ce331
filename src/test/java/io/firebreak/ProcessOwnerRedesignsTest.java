package io.firebreak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.comms.RecordingChat;
import io.firebreak.oncall.RecordingPaging;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ten redesigns a process owner makes (issue 11, docs/process-owners.md "Ten redesigns"), each
 * on the booted application and each only through what an owner has: models and forms deployed
 * through {@code POST /engine-rest/deployment/create} as Camunda Modeler deploys them, Camunda
 * authorizations through {@code /engine-rest} as Camunda Admin sets them, the catalog file and the
 * message template folder. No restart, no Java change. Every test first shows the shipped behaviour
 * (or checks something the shipped models would not do), so it fails if the redesign had no effect,
 * and redeploys the shipped files it changed so the next test starts from the shipped models.
 *
 * <p>No job executor (profile test): the tests run the incident's due jobs and move the engine clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestPorts.class)
class ProcessOwnerRedesignsTest {

  /** A Tuesday in the test catalog's second rotation week: bob is primary on call for payments. */
  static final Instant T = Instant.parse("2026-03-10T12:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path WORK;
  static final Path CATALOG;
  static final Path TEMPLATES;

  static {
    try {
      WORK = Files.createTempDirectory("firebreak-redesigns");
      CATALOG = WORK.resolve("catalog.yaml");
      TEMPLATES = Files.createDirectories(WORK.resolve("templates"));
      Files.writeString(CATALOG, shippedCatalog());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void ownerFiles(DynamicPropertyRegistry registry) {
    // The catalog as a file an owner edits (reloaded when it changes) and a template folder.
    registry.add("firebreak.catalog.location", () -> "file:" + CATALOG);
    registry.add("firebreak.catalog.reload-check", () -> "0s");
    registry.add("firebreak.templates.dir", TEMPLATES::toString);
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RecordingChat chat;
  @Autowired RecordingPaging paging;
  Http admin;

  @BeforeEach
  void start() {
    admin = new Http(port, "admin", "test-admin");
    ClockUtil.setCurrentTime(Date.from(T));
    chat.clear();
    paging.clear();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // 1 ------------------------------------------------------------------------------------------
  @Test
  void sev2UpdateInterval() throws Exception {
    String before = declare("Search slow", "degradation", "SEV2");
    assertThat(dueIn(jobAt(before, "Timer_StatusUpdateDue"))).isEqualTo(Duration.ofMinutes(30));

    String plan = replaceOutput(shipped("response-plan.dmn"), "OutputEntry_Sev2_1", "30", "10");
    try {
      deploy("sev2-every-10-minutes", Map.of("response-plan.dmn", plan));
      String after = declare("Search slow again", "degradation", "SEV2");
      assertThat(dueIn(jobAt(after, "Timer_StatusUpdateDue"))).isEqualTo(Duration.ofMinutes(10));

      ClockUtil.setCurrentTime(Date.from(T.plus(Duration.ofMinutes(10))));
      runDueJobs(after);
      assertThat(openTask(after, "Task_PostStatusUpdate")).as("first status update due at T+10 min").isNotNull();
      // The incident declared before the change keeps its 30-minute cadence (the plan was decided then).
      runDueJobs(before);
      assertThat(openTask(before, "Task_PostStatusUpdate")).isNull();
    } finally {
      restore("response-plan.dmn");
    }
  }

  // 2 ------------------------------------------------------------------------------------------
  @Test
  void aNewIncidentTypeWithItsOwnPlan() throws Exception {
    assertThat(declaring("Payments provider down", "supplier", "SEV2").status()).isEqualTo(400);
    String types = SupplierType.inTypes(shipped("incident-types.dmn"));
    String plan = SupplierType.inPlan(shipped("response-plan.dmn"), 20, false);
    try {
      deploy("supplier-type", Map.of("incident-types.dmn", types, "response-plan.dmn", plan));
      String key = declare("Payments provider down", "supplier", "SEV2");
      assertThat(admin.get("/api/incidents/" + key).json().get("type").asText()).isEqualTo("supplier");
      assertThat(dueIn(jobAt(key, "Timer_StatusUpdateDue"))).isEqualTo(Duration.ofMinutes(20));
    } finally {
      restore("incident-types.dmn", "response-plan.dmn");
    }
    assertThat(declaring("Payments provider down", "supplier", "SEV2").status()).isEqualTo(400);
  }

  // 3 ------------------------------------------------------------------------------------------
  @Test
  void aLegalReviewTaskForSecurityIncidents() throws Exception {
    BpmnModelInstance remediation = model("incident-remediation.bpmn");
    FlowNode start = remediation.getModelElementById("StartEvent_RemediationStarted");
    SequenceFlow toInvestigate = remediation.getModelElementById("Flow_ToInvestigateIncident");
    removeFlow(remediation, toInvestigate);
    start.builder()
        .sequenceFlowId("Flow_ToSecurityIncident")
        .exclusiveGateway("Gateway_SecurityIncident").name("Security incident?")
        .sequenceFlowId("Flow_SecurityIncident").condition("yes", "${incidentType == 'security'}")
        .userTask("Task_ReviewLegalImplications").name("Review legal implications").camundaCandidateGroups("legal")
        .sequenceFlowId("Flow_LegalImplicationsReviewed")
        .exclusiveGateway("Gateway_LegalReviewDone")
        .sequenceFlowId("Flow_ToInvestigateIncident").connectTo("Task_InvestigateIncident")
        .moveToNode("Gateway_SecurityIncident")
        .sequenceFlowId("Flow_NotSecurityIncident").connectTo("Gateway_LegalReviewDone");
    ExclusiveGateway security = remediation.getModelElementById("Gateway_SecurityIncident");
    security.setDefault(remediation.getModelElementById("Flow_NotSecurityIncident"));
    remediation.<SequenceFlow>getModelElementById("Flow_NotSecurityIncident").setName("no");
    UserTask review = remediation.getModelElementById("Task_ReviewLegalImplications");
    review.setAttributeValueNs(CAMUNDA_NS, "formRef", "review-legal-implications");
    review.setAttributeValueNs(CAMUNDA_NS, "formRefBinding", "latest");
    String form = """
        {"id": "review-legal-implications", "type": "default", "schemaVersion": 16, "components": [
          {"type": "text", "id": "Text_LegalIntro", "text": "# Review legal implications"},
          {"type": "textarea", "id": "Field_LegalImplications", "key": "legalImplications",
           "label": "Legal implications", "validate": {"required": true}}]}""";
    try {
      deploy("legal-review", Map.of("incident-remediation.bpmn", Bpmn.convertToString(remediation),
          "review-legal-implications.form", form));

      String secret = declare("Credentials leaked", "security", "SEV2");
      acknowledgeAndTriage(secret, "SEV2", "security");
      Task legal = openTask(secret, "Task_ReviewLegalImplications");
      assertThat(legal).as("legal review for a security incident").isNotNull();
      assertThat(engine.getTaskService().getIdentityLinksForTask(legal.getId()))
          .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("legal"));
      Http.Response shownForm = admin.get("/engine-rest/task/" + legal.getId() + "/deployed-form");
      assertThat(shownForm.status()).as(shownForm.body()).isEqualTo(200);
      assertThat(shownForm.body()).contains("Field_LegalImplications");
      assertThat(openTask(secret, "Task_InvestigateIncident")).isNull();
      complete(secret, "Task_ReviewLegalImplications", Map.of("legalImplications", "Notify the DPO"));
      assertThat(openTask(secret, "Task_InvestigateIncident")).isNotNull();

      String outage = declare("Checkout down", "outage", "SEV2");
      acknowledgeAndTriage(outage, "SEV2", "outage");
      assertThat(openTask(outage, "Task_ReviewLegalImplications")).isNull();
      assertThat(openTask(outage, "Task_InvestigateIncident")).isNotNull();
    } finally {
      restore("incident-remediation.bpmn");
    }
  }

  // 4 ------------------------------------------------------------------------------------------
  @Test
  void sev1AnnouncedToASecondChannel() throws Exception {
    BpmnModelInstance declaration = model("incident-declaration.bpmn");
    FlowNode announce = declaration.getModelElementById("Task_AnnounceIncident");
    SequenceFlow after = declaration.getModelElementById("Flow_AfterAnnouncement");
    String next = after.getTarget().getId();
    removeFlow(declaration, after);
    announce.builder()
        .sequenceFlowId("Flow_AfterAnnouncement")
        .exclusiveGateway("Gateway_ExecutivesToHear").name("Executives to hear of it?")
        .sequenceFlowId("Flow_ExecutivesToHear").condition("yes", "${severity == 'SEV1'}")
        .serviceTask("Task_AnnounceToExecutives").name("Announce incident to executives")
        .camundaAsyncBefore().camundaDelegateExpression("${postToSlack}")
        .camundaInputParameter("channel", "exec-incidents")
        .camundaInputParameter("template", "incident-declared")
        .sequenceFlowId("Flow_ExecutivesAnnounced")
        .exclusiveGateway("Gateway_ExecutivesAnnounced")
        .sequenceFlowId("Flow_AfterExecutiveAnnouncement").connectTo(next)
        .moveToNode("Gateway_ExecutivesToHear")
        .sequenceFlowId("Flow_NoExecutiveAnnouncement").connectTo("Gateway_ExecutivesAnnounced");
    ExclusiveGateway toHear = declaration.getModelElementById("Gateway_ExecutivesToHear");
    toHear.setDefault(declaration.getModelElementById("Flow_NoExecutiveAnnouncement"));
    declaration.<SequenceFlow>getModelElementById("Flow_NoExecutiveAnnouncement").setName("no");

    String before = declare("Checkout down", "outage", "SEV1");
    assertThat(chat.posts("incidents")).anySatisfy(p -> assertThat(p.incidentKey()).isEqualTo(before));
    assertThat(chat.posts("exec-incidents")).isEmpty();
    try {
      deploy("sev1-to-executives", Map.of("incident-declaration.bpmn", Bpmn.convertToString(declaration)));
      String sev1 = declare("Checkout down again", "outage", "SEV1");
      String sev2 = declare("Search slow", "degradation", "SEV2");
      assertThat(chat.posts("incidents")).extracting(RecordingChat.Call::incidentKey).contains(sev1, sev2);
      assertThat(chat.posts("exec-incidents")).extracting(RecordingChat.Call::incidentKey).containsExactly(sev1);
      assertThat(chat.posts("exec-incidents").get(0).detail()).contains(sev1 + " declared: Checkout down again");
    } finally {
      restore("incident-declaration.bpmn");
    }
  }

  // 5 ------------------------------------------------------------------------------------------
  @Test
  void aNewDeclareFormFieldShownInTheAnnouncement() throws Exception {
    ObjectNode form = (ObjectNode) JSON.readTree(Files.readString(Path.of("forms/declare-incident.form")));
    ArrayNode components = (ArrayNode) form.get("components");
    int afterService = 0;
    for (int i = 0; i < components.size(); i++) {
      if ("service".equals(components.get(i).path("key").asText())) {
        afterService = i + 1;
      }
    }
    components.insert(afterService, JSON.readTree("""
        {"type": "textfield", "key": "affectedRegion", "label": "Affected region", "id": "Field_AffectedRegion",
         "description": "e.g. EU-West", "validate": {"maxLength": 50}}"""));
    Path template = TEMPLATES.resolve("incident-declared.slack.mustache");
    String shippedTemplate = new String(getClass().getResourceAsStream("/messages/incident-declared.slack.mustache")
        .readAllBytes(), StandardCharsets.UTF_8);

    String before = declareInTasklist("Checkout down", "EU-West");
    assertThat(announcement(before)).doesNotContain("EU-West");
    try {
      deploy("affected-region", Map.of("declare-incident.form", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(form)));
      Files.writeString(template, shippedTemplate.replace("{{> facts}}", "Region: {{affectedRegion}}\n{{> facts}}"));
      assertThat(admin.get("/engine-rest/process-definition/key/incident/deployed-start-form").body())
          .contains("Field_AffectedRegion");

      String after = declareInTasklist("Checkout down again", "EU-West <b>");
      // User text is escaped for Slack like every other field.
      assertThat(announcement(after)).contains("Region: EU-West &lt;b&gt;");
    } finally {
      Files.deleteIfExists(template);
      restore("declare-incident.form");
    }
  }

  // 6 ------------------------------------------------------------------------------------------
  @Test
  void sev1LeadershipEscalationTime() throws Exception {
    String before = declare("Checkout down", "outage", "SEV1");
    complete(before, "Task_AcknowledgePage", Map.of());
    assertThat(dueIn(jobAt(before, "Timer_ResolutionOverdue"))).isEqualTo(Duration.ofMinutes(60));

    String plan = replaceOutput(shipped("response-plan.dmn"), "OutputEntry_Sev1_3", "60", "20");
    try {
      deploy("sev1-leadership-after-20", Map.of("response-plan.dmn", plan));
      String after = declare("Checkout down again", "outage", "SEV1");
      complete(after, "Task_AcknowledgePage", Map.of());
      assertThat(dueIn(jobAt(after, "Timer_ResolutionOverdue"))).isEqualTo(Duration.ofMinutes(20));

      ClockUtil.setCurrentTime(Date.from(T.plus(Duration.ofMinutes(20))));
      runDueJobs(after);
      runDueJobs(before);
      assertThat(openTask(after, "Task_ReviewEscalatedIncident")).as("leadership told at T+20 min").isNotNull();
      assertThat(openTask(before, "Task_ReviewEscalatedIncident")).as("the earlier incident keeps 60 min").isNull();
    } finally {
      restore("response-plan.dmn");
    }
  }

  // 7 ------------------------------------------------------------------------------------------
  @Test
  void noPostmortemForSev3() throws Exception {
    String plan = replaceOutput(shipped("response-plan.dmn"), "OutputEntry_Sev3_4", "true", "false");
    try {
      deploy("sev3-no-postmortem", Map.of("response-plan.dmn", plan));
      String key = declare("Search slow for some", "degradation", "SEV3");
      acknowledgeAndTriage(key, "SEV3", "degradation");
      complete(key, "Task_InvestigateIncident", Map.of("findings", "Index rebuild", "thirdPartyInvolved", false));
      complete(key, "Task_MitigateImpact", Map.of("mitigationSummary", "Rebuild paused"));
      complete(key, "Task_ResolveIncident", Map.of("resolutionSummary", "Search fast again"));
      // With the shipped plan the incident would now wait at "Choose postmortem author".
      JsonNode incident = admin.awaitIncident(key, i -> "closed".equals(i.get("state").asText()));
      assertThat(incident.get("openTasks")).isEmpty();
      assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
          .activityId("CallActivity_ConductPostmortem").list().stream()
          .filter(a -> a.getProcessInstanceId().equals(incidentInstance(key))).toList()).isEmpty();
    } finally {
      restore("response-plan.dmn");
    }
  }

  // 8 ------------------------------------------------------------------------------------------
  @Test
  void anotherPersonPagedForAService() throws Exception {
    String before = declare("Card payments fail", "outage", "SEV2", "payments-api");
    assertThat(paging.targets(before)).hasSize(1).allSatisfy(t -> assertThat(t).contains("bob"));
    try {
      // The owner puts carol on primary for the day (an override in the payments schedule).
      editCatalog(shippedCatalog().replace("    overrides:\n",
          "    overrides:\n      - {layer: primary, user: carol, from: \"2026-03-10T00:00\", until: \"2026-03-11T00:00\"}\n"));
      String after = declare("Card payments fail again", "outage", "SEV2", "payments-api");
      assertThat(paging.targets(after)).hasSize(1).allSatisfy(t -> assertThat(t).contains("carol"));
    } finally {
      editCatalog(shippedCatalog());
    }
  }

  // 9 ------------------------------------------------------------------------------------------
  @Test
  void aRegulatorDeadlineAt48HoursForInformationGovernance() throws Exception {
    String before = declare("Customer list emailed out", "information-governance", "SEV2");
    assertThat(dueIn(openTask(before, "Task_NotifyRegulator").getDueDate())).isEqualTo(Duration.ofHours(72));

    String plan = replaceOutput(shipped("response-plan.dmn"), "OutputEntry_Sev2InformationGovernance_7", "72", "48");
    try {
      deploy("regulator-48h", Map.of("response-plan.dmn", plan));
      String after = declare("Customer list emailed out again", "information-governance", "SEV2");
      assertThat(dueIn(openTask(after, "Task_NotifyRegulator").getDueDate())).isEqualTo(Duration.ofHours(48));
      // Legal is reminded (every 24 h until done) while the task is open: at T+48 h the second time.
      for (int hours : new int[] {24, 48}) {
        ClockUtil.setCurrentTime(Date.from(T.plus(Duration.ofHours(hours))));
        runDueJobs(after);
      }
      assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processInstanceId(incidentInstance(after)).activityId("Task_RemindLegal").finished().count()).isEqualTo(2);
      assertThat(openTask(after, "Task_NotifyRegulator").getDueDate()).isEqualTo(Date.from(T.plus(Duration.ofHours(48))));
    } finally {
      restore("response-plan.dmn");
    }
  }

  // 10 -----------------------------------------------------------------------------------------
  @Test
  void aGroupGrantedTheRightToDeclare() throws Exception {
    String group = "site-reliability";
    assertThat(admin.postJson("/engine-rest/user/create", Map.of(
        "profile", Map.of("id", "sam", "firstName", "Sam", "lastName", "Sre", "email", "sam@example.com"),
        "credentials", Map.of("password", "sam-password-1"))).status()).isEqualTo(204);
    assertThat(admin.postJson("/engine-rest/group/create", Map.of("id", group, "name", "Site reliability",
        "type", "WORKFLOW")).status()).isEqualTo(204);
    assertThat(admin.send(admin.request("/engine-rest/group/" + group + "/members/sam")
        .PUT(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(204);
    Http sam = admin.as("sam", "sam-password-1");
    String authorization = null;
    try {
      Http.Response refused = sam.postJson("/api/incidents", Map.of("title", "Disk full", "type", "outage",
          "proposedSeverity", "SEV3"));
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.json().get("error").asText()).isNotBlank();

      // As Camunda Admin does: Authorizations > Process Definition > incident > group, CREATE_INSTANCE.
      Http.Response granted = admin.postJson("/engine-rest/authorization/create", Map.of("type", 1,
          "permissions", List.of("CREATE_INSTANCE"), "groupId", group, "resourceType", 6, "resourceId", "incident"));
      assertThat(granted.status()).as(granted.body()).isEqualTo(200);
      authorization = granted.json().get("id").asText();

      Http.Response declared = sam.postJson("/api/incidents", Map.of("title", "Disk full", "type", "outage",
          "proposedSeverity", "SEV3"));
      assertThat(declared.status()).as(declared.body()).isEqualTo(201);
      assertThat(declared.json().get("reporter").asText()).isEqualTo("sam");
    } finally {
      if (authorization != null) {
        admin.send(admin.request("/engine-rest/authorization/" + authorization).DELETE());
      }
      admin.send(admin.request("/engine-rest/group/" + group).DELETE());
      admin.send(admin.request("/engine-rest/user/sam").DELETE());
    }
  }

  // -- helpers --------------------------------------------------------------------------------

  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

  /** A model or form as shipped in processes/ or forms/. */
  static String shipped(String file) throws IOException {
    return Files.readString(Path.of(file.endsWith(".form") ? "forms" : "processes", file));
  }

  static BpmnModelInstance model(String file) throws IOException {
    return Bpmn.readModelFromStream(new ByteArrayInputStream(shipped(file).getBytes(StandardCharsets.UTF_8)));
  }

  static String shippedCatalog() {
    try (var in = ProcessOwnerRedesignsTest.class.getResourceAsStream("/oncall/test-catalog.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the catalog file as an owner's editor does; a new modification time makes it reload. */
  static void editCatalog(String content) throws IOException {
    FileTime previous = Files.getLastModifiedTime(CATALOG);
    Files.writeString(CATALOG, content);
    Files.setLastModifiedTime(CATALOG, FileTime.from(previous.toInstant().plusSeconds(1)));
  }

  /** One output entry of a DMN rule changed, e.g. a rule's update interval. */
  static String replaceOutput(String dmn, String outputEntryId, String from, String to) {
    String entry = "<outputEntry id=\"" + outputEntryId + "\"><text>" + from + "</text></outputEntry>";
    assertThat(dmn).contains(entry);
    return dmn.replace(entry, "<outputEntry id=\"" + outputEntryId + "\"><text>" + to + "</text></outputEntry>");
  }


  /** Takes a sequence flow out of a model with its diagram edge, to put new elements in its place. */
  static void removeFlow(BpmnModelInstance model, SequenceFlow flow) {
    flow.getSource().getOutgoing().remove(flow);
    flow.getTarget().getIncoming().remove(flow);
    model.getModelElementsByType(BpmnEdge.class).stream().filter(e -> e.getBpmnElement() == flow).toList()
        .forEach(e -> e.getParentElement().removeChildElement(e));
    flow.getParentElement().removeChildElement(flow);
  }

  /** Deploys files in one deployment as Camunda Modeler does (multipart, HTTP Basic admin). */
  void deploy(String name, Map<String, String> files) {
    Http.Response deployed = admin.deploy(name, files);
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
  }

  /** Redeploys the shipped versions of the files a test changed. */
  void restore(String... files) throws IOException {
    Map<String, String> shipped = new LinkedHashMap<>();
    for (String file : files) {
      shipped.put(file, shipped(file));
    }
    deploy("firebreak-as-shipped", shipped);
  }

  Http.Response declaring(String title, String type, String severity) {
    return admin.postJson("/api/incidents", Map.of("title", title, "type", type, "proposedSeverity", severity,
        "service", "checkout"));
  }

  String declare(String title, String type, String severity) {
    return declare(title, type, severity, "checkout");
  }

  /** Declares through the API and runs the declaration's steps. */
  String declare(String title, String type, String severity, String service) {
    Http.Response declared = admin.postJson("/api/incidents", Map.of("title", title, "type", type,
        "proposedSeverity", severity, "service", service, "customerImpact", false));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    String key = declared.json().get("key").asText();
    runDueJobs(key);
    return key;
  }

  /** Declares with the declare form in Tasklist (submit the start form of incident). */
  String declareInTasklist(String title, String region) {
    Map<String, Object> variables = Map.of("title", Map.of("value", title), "service", Map.of("value", "checkout"),
        "incidentType", Map.of("value", "outage"), "proposedSeverity", Map.of("value", "SEV2"),
        "customerImpact", Map.of("value", false), "affectedRegion", Map.of("value", region));
    Http.Response started = admin.postJson("/engine-rest/process-definition/key/incident/submit-form",
        Map.of("variables", variables));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String key = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(started.json().get("id").asText()).singleResult().getBusinessKey();
    assertThat(key).as(started.body()).startsWith("INC-");
    runDueJobs(key);
    return key;
  }

  String announcement(String key) {
    return chat.posts("incidents").stream().filter(p -> p.incidentKey().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no announcement of " + key + ": " + chat.calls)).detail();
  }

  void acknowledgeAndTriage(String key, String severity, String type) throws InterruptedException {
    complete(key, "Task_AcknowledgePage", Map.of());
    complete(key, "Task_TriageIncident", Map.of("confirmedSeverity", severity, "incidentType", type,
        "customerImpact", false, "commsLead", "admin", "scribe", "admin", "customerLiaison", "admin"));
  }

  /** Completes the open task over /engine-rest as Tasklist does, then runs the steps it started. */
  void complete(String key, String taskKey, Map<String, Object> variables) throws InterruptedException {
    admin.completeTask(key, taskKey, variables);
    runDueJobs(key);
  }

  String incidentInstance(String key) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey("incident").singleResult().getId();
  }

  Task openTask(String key, String taskKey) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey(taskKey).list();
    assertThat(tasks).hasSizeLessThanOrEqualTo(1);
    return tasks.isEmpty() ? null : tasks.get(0);
  }

  Job jobAt(String key, String activityId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
        .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
            .activityId(activityId).list().stream())
        .findFirst().orElseThrow(() -> new AssertionError("no job at " + activityId + " for " + key));
  }

  static Duration dueIn(Job job) {
    return dueIn(job.getDuedate());
  }

  static Duration dueIn(Date due) {
    return Duration.between(T, due.toInstant());
  }

  /** Runs the incident's due jobs (timers in the future stay) until none is left. */
  void runDueJobs(String key) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list()
          .stream()
          .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
              .executable().active().list().stream())
          .toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs of " + key + " keep coming");
  }
}
