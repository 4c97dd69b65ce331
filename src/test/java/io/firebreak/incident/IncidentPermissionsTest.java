package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Who may declare and change incidents over the API is Camunda's decision: the authorization to
 * start {@code incident} as granted and revoked in Camunda Admin (here through {@code /engine-rest},
 * which Admin uses), and the people the model names for an action. Real HTTP, booted app.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class IncidentPermissionsTest {

  @LocalServerPort int port;
  @Autowired IncidentRepository incidents;
  @Autowired IdentityService identity;
  @Autowired IncidentPermissions permissions;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  Http admin;

  @BeforeEach
  void client() {
    admin = new Http(port, "admin", "test-admin");
  }

  private Http user(String prefix, String... groups) {
    return person(prefix, groups).http();
  }

  private record Person(String id, Http http) {}

  private Person person(String prefix, String... groups) {
    String id = prefix + "-" + System.nanoTime();
    User user = identity.newUser(id);
    user.setPassword("pw-" + id);
    identity.saveUser(user);
    for (String group : groups) {
      if (identity.createGroupQuery().groupId(group).count() == 0) {
        Group g = identity.newGroup(group);
        g.setName(group);
        identity.saveGroup(g);
      }
      identity.createMembership(id, group);
    }
    return new Person(id, new Http(port, id, "pw-" + id));
  }

  private static Map<String, Object> declaration(String title) {
    return Map.of("title", title, "type", "degradation", "proposedSeverity", "SEV3");
  }

  @Test
  void aUserInNoGroupMayNotDeclareAndNothingIsRecorded() {
    Http nobody = user("nobody");
    int before = incidents.list(null, 500).size();
    Http.Response r = nobody.postJson("/api/incidents", declaration("Search slow"));
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(r.json().get("error").asText()).isEqualTo("forbidden");
    assertThat(r.json().get("detail").asText()).contains("may not declare incidents", "CREATE_INSTANCE",
        "Camunda Admin");
    assertThat(incidents.list(null, 500)).hasSize(before);
  }

  @Test
  void theShippedGroupsThatMayDeclare() {
    for (String group : List.of("support", "responders", "incident-commanders", "communications")) {
      Http.Response r = user("declarer", group).postJson("/api/incidents", declaration("Declared by " + group));
      assertThat(r.status()).as(group + ": " + r.body()).isEqualTo(201);
    }
    for (String group : List.of("leadership", "legal")) {
      Http.Response r = user("follower", group).postJson("/api/incidents", declaration("Declared by " + group));
      assertThat(r.status()).as(group + ": " + r.body()).isEqualTo(403);
    }
  }

  @Test
  void aGroupGrantedInCamundaAdminMayDeclareUntilTheGrantIsRevoked() {
    String group = "auditors-" + System.nanoTime();
    Http auditor = user("auditor", group);
    assertThat(auditor.postJson("/api/incidents", declaration("Audit finding")).status()).isEqualTo(403);

    // What Camunda Admin does for "Authorizations > Process Definition > Create new authorization".
    Http.Response granted = admin.postJson("/engine-rest/authorization/create", Map.of("type", 1,
        "permissions", List.of("READ", "CREATE_INSTANCE"), "groupId", group, "resourceType", 6, "resourceId", "incident"));
    assertThat(granted.status()).as(granted.body()).isEqualTo(200);
    Http.Response declared = auditor.postJson("/api/incidents", declaration("Audit finding"));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);

    Http.Response revoked = admin.send(admin.request("/engine-rest/authorization/" + granted.json().get("id").asText())
        .DELETE());
    assertThat(revoked.status()).isEqualTo(204);
    assertThat(auditor.postJson("/api/incidents", declaration("Audit finding")).status()).isEqualTo(403);
  }

  @Test
  void aRevokeInCamundaAdminOverridesAGroupGrant() {
    Person supporter = person("supporter", "support");
    assertThat(supporter.http().postJson("/api/incidents", declaration("Login broken")).status()).isEqualTo(201);
    // A user-level REVOKE of CREATE_INSTANCE (Camunda Admin, authorization type "revoke").
    Http.Response revoke = admin.postJson("/engine-rest/authorization/create", Map.of("type", 2,
        "permissions", List.of("CREATE_INSTANCE"), "userId", supporter.id(), "resourceType", 6, "resourceId", "incident"));
    assertThat(revoke.status()).as(revoke.body()).isEqualTo(200);
    assertThat(supporter.http().postJson("/api/incidents", declaration("Login broken")).status()).isEqualTo(403);
  }

  @Test
  void severityChangesFollowTheGroupsAndRolesTheModelNames() {
    String key = admin.postJson("/api/incidents", declaration("Payments degraded")).json().get("key").asText();
    runDeclarationJobs(key);

    Http supporter = user("supporter", "support");
    Http.Response refused = supporter.postJson("/api/incidents/" + key + "/severity", Map.of("severity", "SEV2"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().get("error").asText()).isEqualTo("forbidden");
    // Who may instead, as the deployed model says (firebreak.severity.candidateGroups; Triage incident).
    assertThat(refused.json().get("detail").asText()).contains("may not change the severity of " + key,
        "responders", "incident-commanders", "Triage " + key + " · SEV3 · Payments degraded");
    assertThat(incidents.find(key).orElseThrow().severity()).isEqualTo("SEV3");

    Http responder = user("responder", "responders");
    Http.Response changed = responder.postJson("/api/incidents/" + key + "/severity", Map.of("severity", "SEV2"));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().get("severity").asText()).isEqualTo("SEV2");
  }

  @Test
  void theIncidentCommanderNamedByAnExpressionInTheModelMayActWithoutAnyGroup() {
    String key = admin.postJson("/api/incidents", declaration("Queue backlog")).json().get("key").asText();
    runDeclarationJobs(key);
    Incident incident = incidents.find(key).orElseThrow();
    assertThat(permissions.may(IncidentAction.SEVERITY, incident, "ivan", List.of())).isFalse();
    assertThat(permissions.may(IncidentAction.RESOLVE, incident, "ivan", List.of())).isFalse();
    // ${execution.getVariable('incidentCommander')} in firebreak.severity/resolve.candidateUsers.
    runtime.setVariable(incident.processInstanceId(), IncidentVariables.INCIDENT_COMMANDER.name(), "ivan");
    assertThat(permissions.may(IncidentAction.SEVERITY, incident, "ivan", List.of())).isTrue();
    assertThat(permissions.may(IncidentAction.RESOLVE, incident, "ivan", List.of())).isTrue();
    assertThat(permissions.may(IncidentAction.SEVERITY, incident, "someone-else", List.of("support"))).isFalse();
    // The model names nobody for acknowledging: being the IC is not enough.
    assertThat(permissions.may(IncidentAction.ACK, incident, "ivan", List.of("support"))).isFalse();
  }

  @Autowired org.camunda.bpm.engine.TaskService tasks;

  @Test
  void theAssigneeAndTheCandidatesOfTheOpenTaskMayTakeItsAction() {
    String key = admin.postJson("/api/incidents", declaration("Cache misses")).json().get("key").asText();
    runDeclarationJobs(key);
    Incident incident = incidents.find(key).orElseThrow();
    org.camunda.bpm.engine.task.Task triage = tasks.createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey(TriageProcess.Elements.TRIAGE_INCIDENT).singleResult();
    assertThat(triage).as("triage is open").isNotNull();
    // Shipped: Triage incident is for incident-commanders; the IC action names incident-commanders too.
    assertThat(permissions.may(IncidentAction.IC, incident, "tess", List.of("triagers"))).isFalse();
    assertThat(permissions.may(IncidentAction.IC, incident, "ines", List.of("incident-commanders"))).isTrue();

    tasks.addCandidateGroup(triage.getId(), "triagers");
    tasks.addCandidateUser(triage.getId(), "carla");
    assertThat(permissions.may(IncidentAction.IC, incident, "tess", List.of("triagers"))).isTrue();
    assertThat(permissions.may(IncidentAction.IC, incident, "carla", List.of())).isTrue();
    // Still theirs once someone holds it: a candidate may take it over in Tasklist.
    tasks.setAssignee(triage.getId(), "asa");
    assertThat(permissions.may(IncidentAction.IC, incident, "asa", List.of())).isTrue();
    assertThat(permissions.may(IncidentAction.IC, incident, "tess", List.of("triagers"))).isTrue();
    assertThat(permissions.may(IncidentAction.IC, incident, "carla", List.of())).isTrue();
    // Triage is not the task of resolving, and the model names only incident-commanders and the IC for that.
    assertThat(permissions.may(IncidentAction.RESOLVE, incident, "asa", List.of("triagers"))).isFalse();
    assertThat(permissions.may(IncidentAction.IC, incident, "olga", List.of("support"))).isFalse();
  }

  @Test
  void whoeverTheEngineLetsWorkOnTheOpenTaskMayTakeItsAction() {
    String key = admin.postJson("/api/incidents", declaration("Disk full")).json().get("key").asText();
    runDeclarationJobs(key);
    Incident incident = incidents.find(key).orElseThrow();
    org.camunda.bpm.engine.task.Task page = tasks.createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey("Task_AcknowledgePage").singleResult();
    assertThat(page).as("a page waits for acknowledgement").isNotNull();
    // Nobody is named in the model for ack: a user in no group, or only in leadership (READ on tasks), may not.
    assertThat(permissions.may(IncidentAction.ACK, incident, "lou", List.of("leadership"))).isFalse();
    // incident-commanders hold the seeded UPDATE on every task, so Tasklist lets them complete it.
    assertThat(permissions.may(IncidentAction.ACK, incident, "ines", List.of("incident-commanders"))).isTrue();
    // An administrator grants TASK_WORK on this task to a user (Camunda Admin > Authorizations > Task).
    org.camunda.bpm.engine.authorization.Authorization work = authorizations.createNewAuthorization(
        org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
    work.setUserId("lou");
    work.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
    work.setResourceId(page.getId());
    work.addPermission(org.camunda.bpm.engine.authorization.Permissions.TASK_WORK);
    authorizations.saveAuthorization(work);
    assertThat(permissions.may(IncidentAction.ACK, incident, "lou", List.of("leadership"))).isTrue();
  }

  @Autowired org.camunda.bpm.engine.AuthorizationService authorizations;

  /** Runs the declaration's pending outside calls, as the job executor would. */
  private void runDeclarationJobs(String key) {
    TestIncidents.runJobs(runtime, management, key);
  }
}
