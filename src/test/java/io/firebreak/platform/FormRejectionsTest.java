package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.TestIncidents;
import io.firebreak.incident.TriageProcess;
import io.firebreak.postmortem.PostmortemProcess;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What only the server can check in a form is answered over {@code /engine-rest/task/{id}/submit-form}
 * as 400 with one sentence naming the field (what Tasklist shows), never 500 with ENGINE-03051, and the
 * task stays open. Without {@link FormRejections} these answers are 500 "Cannot submit task form …:
 * ENGINE-03051 There was an exception while invoking the TaskListener …".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class FormRejectionsTest {

  private static final String IC = "form.ic";

  @LocalServerPort int port;
  @Autowired IncidentRepository incidents;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identity;
  Http admin;

  @BeforeEach
  void client() {
    admin = new Http(port, "admin", "test-admin");
    for (String id : new String[] {IC, "form.author", "form.owner"}) {
      if (identity.createUserQuery().userId(id).count() == 0) {
        var user = identity.newUser(id);
        user.setEmail(id + "@example.com");
        identity.saveUser(user);
      }
    }
  }

  @Test
  void anUnknownAuthorIs400NamingTheField() {
    String key = startPostmortem();
    String task = taskId(key, PostmortemProcess.Elements.CHOOSE_AUTHOR);

    Http.Response r = submit(task, Map.of("postmortemAuthor", Map.of("value", "pat.nobody")));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("type").asText()).isEqualTo("FormRejection");
    assertThat(r.json().get("field").asText()).isEqualTo("Author");
    assertThat(r.json().get("message").asText())
        .isEqualTo("Author: 'pat.nobody' is not a Firebreak user; choose someone from the list.");
    assertThat(r.body()).doesNotContain("ENGINE-", "Exception", "TaskListener");
    assertThat(taskId(key, PostmortemProcess.Elements.CHOOSE_AUTHOR)).isEqualTo(task);

    assertThat(submit(task, Map.of("postmortemAuthor", Map.of("value", "form.author"))).status()).isEqualTo(204);
  }

  @Test
  void aWrongActionItemIs400NamingTheItem() {
    String key = startPostmortem();
    submit(taskId(key, PostmortemProcess.Elements.CHOOSE_AUTHOR), Map.of("postmortemAuthor", Map.of("value", "form.author")));
    String write = taskId(key, PostmortemProcess.Elements.WRITE_POSTMORTEM);
    Map<String, Object> rows = Map.of("type", "Json", "value",
        "[{\"title\":\"Add retries\",\"owner\":\"nobody.known\",\"due\":\"2099-03-09\",\"kind\":\"prevent\"}]");

    Http.Response r = submit(write, Map.of("cause", Map.of("value", "c"), "impact", Map.of("value", "i"),
        "stepsTaken", Map.of("value", "s"), "prevention", Map.of("value", "p"), "actionItemRows", rows));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("field").asText()).isEqualTo("Action items");
    assertThat(r.json().get("message").asText()).isEqualTo(
        "Action item 1 (Add retries): owner 'nobody.known' is not a Firebreak user; choose the owner from the list.");
    // The old line format, as scripts send it, is refused the same way.
    Http.Response lines = submit(write, Map.of("actionItems", Map.of("value", "Add retries, bob")));
    assertThat(lines.status()).as(lines.body()).isEqualTo(400);
    assertThat(lines.json().get("message").asText()).startsWith("Action item on line 1 must read 'title | owner");
    assertThat(taskId(key, PostmortemProcess.Elements.WRITE_POSTMORTEM)).isEqualTo(write);
  }

  @Test
  void anUnknownTypeOrRoleInTriageIs400() {
    Map<String, Object> vars = TestIncidents.fullResponse(incidents, "Checkout slow", "degradation", "SEV2", false);
    String key = IncidentVariables.INCIDENT_KEY.from(vars);
    vars.put(IncidentVariables.SERVICE.name(), "checkout");
    vars.put(TriageProcess.CONFIRMED_SEVERITY.name(), "SEV2");
    engine.getRuntimeService().startProcessInstanceByKey(TriageProcess.KEY, key, vars);
    String task = taskId(key, TriageProcess.Elements.TRIAGE_INCIDENT);

    Http.Response role = submit(task, Map.of("confirmedSeverity", Map.of("value", "SEV2"),
        "incidentType", Map.of("value", "degradation"), "commsLead", Map.of("value", "carla")));
    assertThat(role.status()).as(role.body()).isEqualTo(400);
    assertThat(role.json().get("message").asText())
        .isEqualTo("Communications lead: 'carla' is not a Firebreak user; choose someone from the list.");

    // The type is checked by the service task after the form (Task_RecordTriage), not a listener.
    Http.Response type = submit(task, Map.of("confirmedSeverity", Map.of("value", "SEV2"),
        "incidentType", Map.of("value", "fire")));
    assertThat(type.status()).as(type.body()).isEqualTo(400);
    assertThat(type.json().get("field").asText()).isEqualTo("Type");
    assertThat(type.json().get("message").asText()).startsWith("Type: 'fire' is not an incident type; choose one of outage,");
    assertThat(taskId(key, TriageProcess.Elements.TRIAGE_INCIDENT)).isEqualTo(task);
  }

  @Test
  void otherEngineErrorsKeepCamundasAnswer() {
    Http.Response r = submit("no-such-task", Map.of());
    assertThat(r.status()).isBetween(400, 599);
    assertThat(r.json().has("field")).isFalse();
  }

  private Http.Response submit(String taskId, Map<String, Object> variables) {
    return admin.postJson("/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables));
  }

  private String startPostmortem() {
    String key = TestIncidents.register(incidents, "Checkout fails", "outage", true);
    TestIncidents.classify(incidents, key, "SEV1");
    VariableMap vars = Variables.createVariables();
    IncidentVariables.INCIDENT_KEY.put(vars, key);
    IncidentVariables.TITLE.put(vars, "Checkout fails");
    IncidentVariables.INCIDENT_TYPE.put(vars, "outage");
    IncidentVariables.SEVERITY.put(vars, "SEV1");
    IncidentVariables.POSTMORTEM_REQUIRED.put(vars, true);
    IncidentVariables.INCIDENT_COMMANDER.put(vars, IC);
    IncidentVariables.CHANNEL_NAME.put(vars, "inc-form");
    engine.getRuntimeService().startProcessInstanceByKey(PostmortemProcess.KEY, key, vars);
    return key;
  }

  private String taskId(String key, String definitionKey) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey(definitionKey)
        .singleResult().getId();
  }
}
