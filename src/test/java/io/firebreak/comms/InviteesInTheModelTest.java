package io.firebreak.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.RecordingChat.Call;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.TestIncidents;
import io.firebreak.incident.TriageProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who is invited to the incident channel is the {@code invite} input of the invite step: a process
 * owner changes it in {@code incident-triage.bpmn}, deploys, and the next triage invites others.
 */
class InviteesInTheModelTest extends ProcessTest {

  private static final String SHIPPED_INVITE =
      "<camunda:inputParameter name=\"invite\">role:incidentCommander, role:commsLead, role:scribe, role:customerLiaison</camunda:inputParameter>";

  @BeforeEach
  void people() {
    users("ic.ines", "comms.carla", "legal.lou", "legal.lin", "exec.eve");
    var identity = engine.getIdentityService();
    if (identity.createGroupQuery().groupId("legal-test").count() == 0) {
      identity.saveGroup(identity.newGroup("legal-test"));
      identity.createMembership("legal.lou", "legal-test");
      identity.createMembership("legal.lin", "legal-test");
    }
  }

  private String triage() {
    Map<String, Object> vars = TestIncidents.fullResponse(incidents, "Data leak suspected", "security", "SEV2", true);
    String key = IncidentVariables.INCIDENT_KEY.from(vars);
    String channel = key.toLowerCase() + "-invite";
    incidents.updateChannel(key, channel, null);
    vars.put(IncidentVariables.CHANNEL_NAME.name(), channel);
    vars.put(TriageProcess.CONFIRMED_SEVERITY.name(), "SEV2");
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(TriageProcess.KEY, key, vars);
    engine.getTaskService().claim(task(key, TriageProcess.Elements.TRIAGE_INCIDENT).getId(), "ic.ines");
    Map<String, Object> form = new HashMap<>();
    form.put(TriageProcess.CONFIRMED_SEVERITY.name(), "SEV2");
    form.put(IncidentVariables.INCIDENT_TYPE.name(), "security");
    form.put(IncidentVariables.CUSTOMER_IMPACT.name(), true);
    form.put(IncidentVariables.COMMS_LEAD.name(), "comms.carla");
    complete(key, TriageProcess.Elements.TRIAGE_INCIDENT, form);
    runDueJobs(key);
    assertThat(pi).hasPassed(TriageProcess.Elements.INVITE_RESPONDERS).isEnded();
    return key;
  }

  @Test
  void theShippedModelInvitesTheRoleHoldersAndAChangedOneInvitesWhomItNames() throws IOException {
    String shippedKey = triage();
    assertThat(chat.calls("invite")).filteredOn(c -> c.incidentKey().equals(shippedKey)).extracting(Call::detail)
        .containsExactly("ic.ines@example.com,comms.carla@example.com");

    String shipped = Files.readString(Path.of("processes/incident-triage.bpmn"));
    assertThat(shipped).contains(SHIPPED_INVITE);
    // The owner drops the communications lead and adds the legal group and one executive.
    String changed = shipped.replace(SHIPPED_INVITE,
        "<camunda:inputParameter name=\"invite\">role:incidentCommander, group:legal-test, user:exec.eve</camunda:inputParameter>");
    Deployment deployment = engine.getRepositoryService().createDeployment()
        .addString("incident-triage.bpmn", changed).name("incident-triage").deploy();
    try {
      String key = triage();
      assertThat(chat.calls("invite")).filteredOn(c -> c.incidentKey().equals(key)).extracting(Call::detail)
          .containsExactly("ic.ines@example.com,legal.lin@example.com,legal.lou@example.com,exec.eve@example.com");
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void anInviteEntryOfNoKnownFormFailsTheStepSayingWhy() throws IOException {
    String shipped = Files.readString(Path.of("processes/incident-triage.bpmn"));
    String changed = shipped.replace(SHIPPED_INVITE,
        "<camunda:inputParameter name=\"invite\">role:incidentCommander, team:legal</camunda:inputParameter>");
    Deployment deployment = engine.getRepositoryService().createDeployment()
        .addString("incident-triage.bpmn", changed).name("incident-triage").deploy();
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(this::triage)
          .hasStackTraceContaining("invite entry 'team:legal' must be role:<role>, variable:<name>, group:<id> or user:<id>");
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }
}
