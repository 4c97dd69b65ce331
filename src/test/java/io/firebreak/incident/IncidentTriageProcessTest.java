package io.firebreak.incident;

import static io.firebreak.incident.TriageProcess.Elements.INCIDENT_TRIAGED;
import static io.firebreak.incident.TriageProcess.Elements.INVITE_RESPONDERS;
import static io.firebreak.incident.TriageProcess.Elements.RECORD_TRIAGE;
import static io.firebreak.incident.TriageProcess.Elements.SEVERITY_CHANGED;
import static io.firebreak.incident.TriageProcess.Elements.SEVERITY_CHANGE_REQUESTED;
import static io.firebreak.incident.TriageProcess.Elements.TRIAGE_INCIDENT;
import static io.firebreak.platform.FirebreakGroups.INCIDENT_COMMANDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.CommunicationProcess;
import io.firebreak.comms.MailPort.Mail;
import io.firebreak.comms.RecordingChat.Call;
import io.firebreak.incident.Incident.Phase;
import io.firebreak.incident.Incident.Roles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code processes/incident-triage.bpmn}. The confirmed-severity path runs the phase alone, started
 * the way the incident's {@code CallActivity_TriageIncident} starts it (every variable of the
 * incident, {@code confirmedSeverity} = {@code severity}). A changed severity is sent to the
 * {@code incident} process, so that path declares a real incident and triages it inside it.
 */
class IncidentTriageProcessTest extends ProcessTest {

  private static final String BROADCAST_CHANNEL = "incidents";

  @org.junit.jupiter.api.BeforeEach
  void roleHolders() {
    users("ic.ines", "comms.carla", "scribe.sol", "liaison.lee");
  }

  @Autowired IncidentService incidentService;

  private ProcessInstance startTriage(String title, String type, String severity, boolean customerImpact) {
    Map<String, Object> vars = TestIncidents.fullResponse(incidents, title, type, severity, customerImpact);
    String key = IncidentVariables.INCIDENT_KEY.from(vars);
    incidents.updateChannel(key, channelOf(key), null);
    vars.put(IncidentVariables.SERVICE.name(), "checkout");
    vars.put(IncidentVariables.CHANNEL_NAME.name(), channelOf(key));
    vars.put(TriageProcess.CONFIRMED_SEVERITY.name(), severity);
    return engine.getRuntimeService().startProcessInstanceByKey(TriageProcess.KEY, key, vars);
  }

  private static String channelOf(String key) {
    return key.toLowerCase() + "-triage";
  }

  /** What the triage form sends. */
  private static Map<String, Object> triageForm(String confirmedSeverity, String type, boolean customerImpact,
      String commsLead, String scribe, String customerLiaison) {
    Map<String, Object> form = new HashMap<>();
    form.put(TriageProcess.CONFIRMED_SEVERITY.name(), confirmedSeverity);
    form.put(IncidentVariables.INCIDENT_TYPE.name(), type);
    form.put(IncidentVariables.CUSTOMER_IMPACT.name(), customerImpact);
    form.put(IncidentVariables.COMMS_LEAD.name(), commsLead);
    form.put(IncidentVariables.SCRIBE.name(), scribe);
    form.put(IncidentVariables.CUSTOMER_LIAISON.name(), customerLiaison);
    return form;
  }

  /** The incident commander claims the triage task and submits the form. */
  private void triageAs(String key, String incidentCommander, Map<String, Object> form) {
    engine.getTaskService().claim(task(key, TRIAGE_INCIDENT).getId(), incidentCommander);
    complete(key, TRIAGE_INCIDENT, form);
  }

  private Object historicVariable(ProcessInstance pi, String name) {
    HistoricVariableInstance variable = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  @Test
  void confirmedSeverityRecordsTriageAndInvitesTheRoleHoldersToTheChannel() {
    ProcessInstance pi = startTriage("Checkout <slow>", "degradation", "SEV2", false);
    String key = pi.getBusinessKey();

    assertThat(pi).isWaitingAt(TRIAGE_INCIDENT);
    assertThat(task(key, TRIAGE_INCIDENT)).hasCandidateGroup(INCIDENT_COMMANDERS);

    triageAs(key, "ic.ines", triageForm("SEV2", "outage", true, "comms.carla", " ", "liaison.lee"));

    // Inviting is a Slack call: its own async step.
    assertThat(pi).isWaitingAt(INVITE_RESPONDERS);
    assertThat(chat.calls).isEmpty();
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(TRIAGE_INCIDENT, RECORD_TRIAGE, SEVERITY_CHANGED, INVITE_RESPONDERS,
        INCIDENT_TRIAGED).isEnded();
    assertThat(pi).hasNotPassed(SEVERITY_CHANGE_REQUESTED);
    assertThat(historicVariable(pi, IncidentVariables.INCIDENT_COMMANDER.name())).isEqualTo("ic.ines");

    Incident incident = incidents.find(key).orElseThrow();
    assertThat(incident.type()).isEqualTo("outage");
    assertThat(incident.customerImpact()).isTrue();
    assertThat(incident.roles()).isEqualTo(new Roles("ic.ines", "comms.carla", null, "liaison.lee"));
    assertThat(incident.phase()).isEqualTo(Phase.TRIAGED);
    assertThat(incident.severity()).isEqualTo("SEV2");

    assertThat(incidents.timeline(key)).extracting(TimelineEntry::kind, TimelineEntry::actor, TimelineEntry::text)
        .containsExactly(
            tuple("TRIAGED", "ic.ines", "Triaged: outage, customers affected; IC ic.ines, comms lead comms.carla,"
                + " scribe unassigned, customer liaison liaison.lee"),
            tuple("PHASE_TRIAGED", "firebreak", "Phase: triaged"));

    assertThat(chat.calls).containsExactly(
        new Call(key, "invite", channelOf(key), "ic.ines@example.com,comms.carla@example.com,liaison.lee@example.com"),
        new Call(key, "topic", channelOf(key), "SEV2 · triaged · IC: ic.ines"));
    assertThat(mail.to(key)).isEmpty();
  }

  @Test
  void differentSeverityIsSentToTheIncidentWhichRecordsReplansAndAnnouncesIt() {
    Incident declared = incidentService.declare(new IncidentDeclaration("Payments <API> erroring",
        "5xx on /pay", "payments", "degradation", "SEV2", false, "support.sam", "api", null));
    String key = declared.key();
    assertThat(declared.severity()).isEqualTo("SEV2");
    runDueJobs(key);

    ProcessInstance incident = instance(key, IncidentProcess.KEY);
    ProcessInstance triage = instance(key, TriageProcess.KEY);
    assertThat(triage).isWaitingAt(TRIAGE_INCIDENT).variables()
        .containsEntry(TriageProcess.CONFIRMED_SEVERITY.name(), "SEV2")
        .containsEntry(IncidentVariables.SEVERITY.name(), "SEV2");
    String channel = incidents.find(key).orElseThrow().channelName();
    assertThat(channel).isEqualTo(key.toLowerCase() + "-payments-api-erroring");
    chat.clear();
    mail.clear();

    triageAs(key, "ic.ines", triageForm("SEV1", "degradation", false, "comms.carla", "scribe.sol", null));

    // The incident recorded and re-planned the change at once (in the triage's transaction).
    assertThat(incident).hasPassedInOrder(IncidentProcess.Elements.RECORD_SEVERITY_CHANGE,
        IncidentProcess.Elements.REASSESS_RESPONSE_PLAN);
    assertThat(incident).variables()
        .containsEntry(IncidentVariables.SEVERITY.name(), "SEV1")
        .containsEntry(IncidentVariables.ACK_TIMEOUT_MINUTES.name(), 5)
        .containsEntry(IncidentVariables.UPDATE_INTERVAL_MINUTES.name(), 15)
        .containsEntry(IncidentVariables.ESCALATION_TIMEOUT_MINUTES.name(), 60);
    assertThat(incidents.find(key).orElseThrow().severity()).isEqualTo("SEV1");
    List<TimelineEntry> changes = incidents.timeline(key).stream()
        .filter(e -> e.kind().equals("SEVERITY_CHANGED")).toList();
    assertThat(changes).extracting(TimelineEntry::actor, TimelineEntry::text).containsExactly(
        tuple("ic.ines", "Severity changed from SEV2 to SEV1: confirmed in triage (declared as SEV2)"));

    runDueJobs(key);

    assertThat(triage).hasPassedInOrder(RECORD_TRIAGE, SEVERITY_CHANGED, SEVERITY_CHANGE_REQUESTED,
        INVITE_RESPONDERS, INCIDENT_TRIAGED).isEnded();
    assertThat(incident).hasPassed(IncidentProcess.Elements.ANNOUNCE_SEVERITY_CHANGE)
        .isWaitingAt(IncidentProcess.Elements.REMEDIATE_INCIDENT);
    assertThat(incident).variables()
        .containsEntry(IncidentVariables.INCIDENT_COMMANDER.name(), "ic.ines")
        .containsEntry(IncidentVariables.COMMS_LEAD.name(), "comms.carla")
        .containsEntry(IncidentVariables.SCRIBE.name(), "scribe.sol");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey(CommunicationProcess.KEY).finished().count()).isEqualTo(1);

    // Announced: incident channel and broadcast (severity changes always are), follow-up email.
    String announcement = ":arrows_counterclockwise: *" + key + " severity changed from SEV2 to SEV1*\n"
        + "Reason: confirmed in triage (declared as SEV2)";
    assertThat(chat.posts(channel)).extracting(Call::detail).singleElement().asString().startsWith(announcement);
    assertThat(chat.posts(BROADCAST_CHANNEL)).extracting(Call::detail).singleElement().asString()
        .startsWith(announcement).contains("*Managed by:* ic.ines");
    assertThat(mail.to(key)).extracting(Mail::subject)
        .containsExactly("[" + key + "][SEV1] Severity changed to SEV1: Payments <API> erroring");
    assertThat(mail.to(key).get(0).to()).containsExactly("incidents@example.com");
    assertThat(statusPage.of(key)).isEmpty();
    // Everyone holding a role is invited, once.
    assertThat(chat.calls).filteredOn(c -> c.action().equals("invite"))
        .containsExactly(new Call(key, "invite", channel, "ic.ines@example.com,comms.carla@example.com,scribe.sol@example.com"));

    // Triaged, and the incident has moved on to remediation.
    Incident triaged = incidents.find(key).orElseThrow();
    assertThat(triaged.roles()).isEqualTo(new Roles("ic.ines", "comms.carla", "scribe.sol", null));
    assertThat(triaged.phase()).isEqualTo(Phase.INVESTIGATING);
    assertThat(timelineTexts(key)).filteredOn(text -> text.startsWith("Phase: "))
        .containsExactly("Phase: triaged", "Phase: investigating");
  }

  /**
   * An outage reclassified in triage as security (same severity): the plan for the confirmed type
   * goes to the incident, so from then on broad messages leave the details out and the broadcast
   * channel hears nothing. The type given as the alias "data" would be stored as its id.
   */
  @Test
  void aTypeChangedInTriageChangesConfidentialityAndBroadcastFromThenOn() {
    Incident declared = incidentService.declare(new IncidentDeclaration("Odd logins", "from one network",
        "login", "outage", "SEV2", false, "support.sam", "api", null));
    String key = declared.key();
    runDueJobs(key);
    ProcessInstance incident = instance(key, IncidentProcess.KEY);
    assertThat(incident).variables().containsEntry(IncidentVariables.CONFIDENTIAL.name(), false)
        .containsEntry(IncidentVariables.BROADCAST.name(), true);
    ProcessInstance triage = instance(key, TriageProcess.KEY);

    triageAs(key, "ic.ines", triageForm("SEV2", "Security", false, "comms.carla", null, null));
    runDueJobs(key);

    assertThat(triage).hasPassedInOrder(RECORD_TRIAGE, SEVERITY_CHANGED, TriageProcess.Elements.REASSESS_RESPONSE_PLAN,
        INVITE_RESPONDERS).hasNotPassed(SEVERITY_CHANGE_REQUESTED);
    assertThat(incidents.find(key).orElseThrow().type()).isEqualTo("security");
    assertThat(incident).variables()
        .containsEntry(IncidentVariables.INCIDENT_TYPE.name(), "security")
        .containsEntry(IncidentVariables.CONFIDENTIAL.name(), true)
        .containsEntry(IncidentVariables.BROADCAST.name(), false)
        .containsEntry(IncidentVariables.REGULATOR_DEADLINE_HOURS.name(), 72);
  }

  @Test
  void aTypeThatIsNotDeployedKeepsTheTriageTaskOpenAndNamesTheTypes() {
    ProcessInstance pi = startTriage("Checkout <slow>", "degradation", "SEV2", false);
    String key = pi.getBusinessKey();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> triageAs(key, "ic.ines",
            triageForm("SEV2", "fire", false, null, null, null)))
        .hasMessageContaining("Type: 'fire' is not an incident type; choose one of outage, degradation, security,"
            + " information-governance, clinical-safety, other.");
    assertThat(pi).isWaitingAt(TRIAGE_INCIDENT);

    complete(key, TRIAGE_INCIDENT, triageForm("SEV2", "data", false, null, null, null));
    assertThat(incidents.find(key).orElseThrow().type()).isEqualTo("information-governance");
  }

  /** The role selects offer the users; an id typed past the select (over REST) is refused naming the role. */
  @Test
  void aRoleThatIsNotAUserKeepsTheTriageTaskOpenAndNamesTheRole() {
    ProcessInstance pi = startTriage("Checkout slow", "degradation", "SEV2", false);
    String key = pi.getBusinessKey();
    org.camunda.spin.json.SpinJsonNode users = (org.camunda.spin.json.SpinJsonNode)
        engine.getTaskService().getVariable(task(key, TRIAGE_INCIDENT).getId(), "userOptions");
    assertThat(users.elements().stream().map(o -> o.prop("value").stringValue()).toList())
        .contains("ic.ines", "comms.carla", "scribe.sol", "liaison.lee")
        .containsExactlyInAnyOrderElementsOf(engine.getIdentityService().createUserQuery().list().stream()
            .map(org.camunda.bpm.engine.identity.User::getId).toList());
    org.camunda.spin.json.SpinJsonNode types = (org.camunda.spin.json.SpinJsonNode)
        engine.getTaskService().getVariable(task(key, TRIAGE_INCIDENT).getId(), "typeOptions");
    assertThat(types.elements().stream().map(o -> o.prop("value").stringValue()).toList())
        .containsExactly("outage", "degradation", "security", "information-governance", "clinical-safety", "other");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> triageAs(key, "ic.ines",
            triageForm("SEV2", "degradation", false, "comms.carla", "sol", null)))
        .hasStackTraceContaining("Scribe: 'sol' is not a Firebreak user; choose someone from the list.");
    assertThat(pi).isWaitingAt(TRIAGE_INCIDENT);
  }
}
