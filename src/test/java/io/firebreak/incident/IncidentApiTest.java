package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The HTTP surface over real HTTP: authentication, validation and error bodies, nothing half made. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class IncidentApiTest {

  @LocalServerPort int port;
  @Autowired IncidentRepository incidents;
  @Autowired IdentityService identity;
  Http admin;

  @BeforeEach
  void client() {
    admin = new Http(port, "admin", "test-admin");
  }

  private int count() {
    return incidents.list(null, 500).size();
  }

  @Test
  void onlyHealthIsAnonymous() {
    Http anonymous = new Http(port, null, null);
    assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    assertThat(anonymous.get("/api/incidents").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/incidents").headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Basic"));
    assertThat(anonymous.get("/api/incidents").json().get("error").asText()).isEqualTo("unauthorized");
    assertThat(anonymous.get("/engine-rest/process-definition").status()).isEqualTo(401);
    assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
    // A wrong password (for a user of its own: Camunda delays the next login after a failure).
    String id = "wrong-" + System.nanoTime();
    User user = identity.newUser(id);
    user.setPassword("right");
    identity.saveUser(user);
    assertThat(new Http(port, id, "wrong").get("/api/incidents").status()).isEqualTo(401);
    assertThat(new Http(port, id, "wrong").get("/engine-rest/process-definition").status()).isEqualTo(401);
    assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(200);
  }

  @Test
  void tasklistOffersOnlyTheIncidentAndPlannedMaintenanceToStart() {
    // The phases, action items and the review are started by the models, never by a person; planned
    // maintenance (issue 13) is started by its owner from the Schedule maintenance form.
    com.fasterxml.jackson.databind.JsonNode startable =
        admin.get("/engine-rest/process-definition?startableInTasklist=true&latestVersion=true").json();
    assertThat(startable).extracting(d -> d.get("key").asText())
        .containsExactlyInAnyOrder("incident", "maintenance");
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "{}                                                   | 400 | title: is required",
      "{\"title\":\"   \"}                                  | 400 | title: is required",
      "{\"title\":\"x\",\"type\":\"fire\"}                  | 400 | type: must be one of",
      "{\"title\":\"x\",\"proposedSeverity\":\"SEV9\"}      | 400 | proposedSeverity: must be one of",
      "{\"title\":\"x\",\"customerImpact\":\"maybe\"}       | 400 | customerImpact: has the wrong type",
      "{\"title\":[1,2]}                                    | 400 | title: has the wrong type",
      "{\"title\":\"x\"                                     | 400 | not a JSON object",
      "not json                                             | 400 | not a JSON object",
      "[]                                                   | 400 | ",
  })
  void badDeclarationsAreRefusedWithTheFieldNamedAndNothingRecorded(String body, int status, String detail) {
    int before = count();
    Http.Response r = admin.post("/api/incidents", "application/json", body);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).isNotBlank();
    if (detail != null) {
      assertThat(r.json().get("detail").asText()).contains(detail);
    }
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void overlongFieldsAreRefused() {
    Http.Response r = admin.postJson("/api/incidents", Map.of("title", "x".repeat(201)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("fields").get(0).get("field").asText()).isEqualTo("title");
  }

  @Test
  void wrongContentTypeIs415() {
    Http.Response r = admin.post("/api/incidents", "text/plain", "title=x");
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.json().get("error").asText()).isEqualTo("unsupported_media_type");
  }

  @Test
  void unknownIncidentIs404AndUnknownFieldsAreIgnored() {
    assertThat(admin.get("/api/incidents/INC-999999").status()).isEqualTo(404);
    assertThat(admin.get("/api/incidents/INC-999999").json().get("detail").asText()).contains("INC-999999");
    Http.Response r = admin.postJson("/api/incidents", Map.of("title", "Search is slow", "proposedSeverity", "sev4",
        "colour", "red"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("severity").asText()).isEqualTo("SEV4");
    assertThat(r.json().get("fullResponse").asBoolean()).isFalse();
  }

  @Test
  void listFiltersByStateAndValidatesParameters() {
    String key = admin.postJson("/api/incidents", Map.of("title", "Queue backlog", "proposedSeverity", "SEV5"))
        .json().get("key").asText();
    var open = admin.get("/api/incidents?state=open").json().get("incidents");
    assertThat(open.findValuesAsText("key")).contains(key);
    assertThat(admin.get("/api/incidents?state=closed").json().get("incidents").findValuesAsText("key")).doesNotContain(key);
    assertThat(admin.get("/api/incidents?state=burning").status()).isEqualTo(400);
    assertThat(admin.get("/api/incidents?limit=0").status()).isEqualTo(400);
    assertThat(admin.get("/api/incidents?limit=abc").status()).isEqualTo(400);
  }

  @Test
  void severityChangeIsRefusedWhileTheIncidentIsStillBeingDeclared() {
    // No job executor here: the declaration's outside calls are pending, so the response has not started.
    String key = admin.postJson("/api/incidents", Map.of("title", "Search down", "proposedSeverity", "SEV2"))
        .json().get("key").asText();
    Http.Response r = admin.postJson("/api/incidents/" + key + "/severity", Map.of("severity", "SEV1"));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("error").asText()).isEqualTo("conflict");
    assertThat(incidents.find(key).orElseThrow().severity()).isEqualTo("SEV2");
  }

  @Test
  void severityChangeIsCorrelatedToTheIncidentAndValidated() {
    String key = admin.postJson("/api/incidents", Map.of("title", "Payments degraded", "type", "degradation",
        "proposedSeverity", "SEV3")).json().get("key").asText();
    runDeclarationJobs(key);
    assertThat(admin.postJson("/api/incidents/" + key + "/severity", Map.of("severity", "SEV7")).status()).isEqualTo(400);
    Http.Response r = admin.postJson("/api/incidents/" + key + "/severity", Map.of("severity", "sev1", "reason", "EU down too"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("severity").asText()).isEqualTo("SEV1");
    assertThat(incidents.timeline(key)).anySatisfy(e -> assertThat(e.text()).contains("SEV3 to SEV1: EU down too"));
    assertThat(admin.postJson("/api/incidents/INC-999999/severity", Map.of("severity", "SEV1")).status()).isEqualTo(404);
  }

  @Autowired org.camunda.bpm.engine.ManagementService management;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;

  /** Runs the declaration's pending outside calls, as the job executor would. */
  private void runDeclarationJobs(String key) {
    TestIncidents.runJobs(runtime, management, key);
  }

  @Test
  void supportCanStartIncidentsFromTheTasklistFormButNotAdministerTheEngine() {
    String id = "support-" + System.nanoTime();
    User user = identity.newUser(id);
    user.setPassword("pw-" + id);
    identity.saveUser(user);
    identity.createMembership(id, "support");
    Http support = new Http(port, id, "pw-" + id);

    Http.Response started = support.postJson("/engine-rest/process-definition/key/incident/submit-form",
        Map.of("variables", Map.of("title", Map.of("value", "Customer cannot log in"),
            "incidentType", Map.of("value", "other"), "proposedSeverity", Map.of("value", "unknown"),
            "customerImpact", Map.of("value", true))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String key = started.json().get("businessKey").asText();
    assertThat(key).matches("INC-\\d+");
    assertThat(incidents.find(key).orElseThrow().reporter()).isEqualTo(id);
    assertThat(support.get("/engine-rest/process-definition/key/incident/startForm").status()).isEqualTo(200);

    assertThat(support.get("/engine-rest/deployment").json()).isEmpty();
    assertThat(support.postJson("/engine-rest/process-definition/key/incident-triage/start", Map.of()).status())
        .isIn(403, 404);
  }

  private String member(String group) {
    String id = group + "-" + System.nanoTime();
    User user = identity.newUser(id);
    user.setPassword("pw-" + id);
    identity.saveUser(user);
    identity.createMembership(id, group);
    return id;
  }

  private Http as(String id) {
    return new Http(port, id, "pw-" + id);
  }

  @Test
  void aResponderWhoIsNotTheAssigneeTakesOverThePage() {
    // Declared in Tasklist with the reporter left empty: the one who declared is the reporter.
    String supporter = member("support");
    Http.Response started = as(supporter).postJson("/engine-rest/process-definition/key/incident/submit-form",
        Map.of("variables", Map.of("title", Map.of("value", "Checkout errors"), "incidentType", Map.of("value", "outage"),
            "proposedSeverity", Map.of("value", "SEV2"), "customerImpact", Map.of("value", false),
            "reporter", Map.of("value", ""))));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String key = started.json().get("businessKey").asText();
    assertThat(admin.get("/api/incidents/" + key).json().get("reporter").asText()).isEqualTo(supporter);
    runDeclarationJobs(key);
    org.camunda.bpm.engine.task.Task page = tasks.createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey("Task_AcknowledgePage").singleResult();
    tasks.setAssignee(page.getId(), "someone.else");

    assertThat(as(member("leadership")).postJson("/api/incidents/" + key + "/acknowledge", Map.of()).status()).isEqualTo(403);
    String responder = member("responders");
    Http.Response r = as(responder).postJson("/api/incidents/" + key + "/acknowledge", Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(incidents.timeline(key)).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("ACKNOWLEDGE_RECEIVED");
      assertThat(e.actor()).isEqualTo(responder);
    });
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey("Task_AcknowledgePage").count())
        .isZero();
  }

  @Autowired org.camunda.bpm.engine.TaskService tasks;
}
