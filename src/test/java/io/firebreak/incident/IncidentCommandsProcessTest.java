package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.Elements.POST_STATUS_UPDATE;
import static io.firebreak.incident.IncidentProcess.Elements.PUBLISH_RECEIVED_UPDATE;
import static io.firebreak.incident.IncidentProcess.Elements.RECEIVED_UPDATE_PUBLISHED;
import static io.firebreak.incident.IncidentProcess.Elements.STATUS_UPDATE_RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.CommunicationProcess;
import io.firebreak.comms.RecordingChat.Call;
import io.firebreak.incident.IncidentService.IncidentConflictException;
import io.firebreak.oncall.EscalationProcess;
import io.firebreak.platform.FirebreakGroups;
import io.firebreak.postmortem.TestUsers;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What Slack commands and alert intake ask of a running incident through {@link IncidentService}:
 * each goes through the processes (a message they wait for, or the open task), never around them.
 */
class IncidentCommandsProcessTest extends ProcessTest {

  private static final String IC = "ian.ic";

  @Autowired IncidentService incidentService;

  @Test
  void statusUpdateWithNoneDueIsPublishedThroughStatusUpdateReceived() {
    String key = declare("Search slow", "SEV2");
    String channel = incidents.find(key).orElseThrow().channelName();
    chat.clear();

    incidentService.postStatusUpdate(key, "Index rebuild <50%> done", "cara.comms");
    runDueJobs(key);

    assertThat(instance(key, IncidentProcess.KEY)).hasPassedInOrder(STATUS_UPDATE_RECEIVED, PUBLISH_RECEIVED_UPDATE,
        RECEIVED_UPDATE_PUBLISHED);
    assertThat(chat.posts(channel)).singleElement().extracting(Call::detail).asString()
        .contains(key + " status update*", "Index rebuild &lt;50%&gt; done").doesNotContain("What changed");
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("STATUS_UPDATE")).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("cara.comms"));
    // The cadence is untouched: the next update is still due on its timer.
    assertThat(tasks(key)).extracting(Task::getTaskDefinitionKey).doesNotContain(POST_STATUS_UPDATE);
  }

  @Test
  void statusUpdateWhenOneIsDueCompletesTheDueTask() {
    String key = declare("Search slow", "SEV2");
    advance(Duration.ofMinutes(30));
    runDueJobs(key);
    assertThat(tasks(key)).extracting(Task::getTaskDefinitionKey).contains(POST_STATUS_UPDATE);

    incidentService.postStatusUpdate(key, "Rebuild done", "cara.comms");
    runDueJobs(key);

    assertThat(tasks(key)).extracting(Task::getTaskDefinitionKey).doesNotContain(POST_STATUS_UPDATE);
    assertThat(instance(key, IncidentProcess.KEY)).hasPassed(IncidentProcess.Elements.PUBLISH_STATUS_UPDATE)
        .hasNotPassed(STATUS_UPDATE_RECEIVED);
    assertThat(instance(key, IncidentProcess.KEY)).variables()
        .containsEntry(CommunicationProcess.UPDATE_TEXT.name(), "Rebuild done");
    // One timeline line for it, by whoever wrote it in Slack.
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("STATUS_UPDATE")).singleElement()
        .satisfies(e -> {
          assertThat(e.actor()).isEqualTo("cara.comms");
          assertThat(e.text()).isEqualTo("Rebuild done");
        });
  }

  @Test
  void pageIsAcknowledgedByMessageOnceOnly() {
    TestUsers.ensure(engine.getIdentityService(), "olly.oncall", "olly@example.com", FirebreakGroups.RESPONDERS);
    String key = declare("Payments down", "SEV1");
    String channel = incidents.find(key).orElseThrow().channelName();
    chat.clear();
    incidentService.acknowledgePage(key, "olly.oncall", "slack");
    runDueJobs(key);

    // Whoever acknowledged joins the incident channel (the escalation's own step: triage runs in
    // another process instance and may be over before anyone acknowledges).
    assertThat(chat.calls("invite")).singleElement()
        .satisfies(c -> assertThat(c.channel()).isEqualTo(channel))
        .extracting(Call::detail).asString().contains("olly@example.com");

    HistoricProcessInstance escalation = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(key).processDefinitionKey(EscalationProcess.KEY).singleResult();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(escalation.getId()).activityId(EscalationProcess.Elements.PAGE_ACKNOWLEDGED).count()).isEqualTo(1);
    assertThat(timelineTexts(key)).contains("Acknowledgement of the page received via slack",
        "Page acknowledged by olly.oncall (level 1, responders)");
    assertThatThrownBy(() -> incidentService.acknowledgePage(key, "olly.oncall", "pagerduty"))
        .isInstanceOf(IncidentConflictException.class).hasMessageContaining("no page of " + key);
  }

  @Test
  void anAcknowledgementBySomeoneWhoIsNoFirebreakUserIsNamedNotInvited() {
    String key = declare("Checkout slow", "SEV2");
    chat.clear();
    incidentService.acknowledgePage(key, "pagerduty:grafana", "pagerduty");
    runDueJobs(key);

    assertThat(chat.calls("invite")).isEmpty();
    assertThat(timelineTexts(key)).contains("Not invited to the incident channel (no Firebreak user): pagerduty:grafana")
        .noneMatch(t -> t.contains("no email address in Firebreak"));
  }

  @Test
  void alertResolvedSuggestsResolutionOnlyWhileRemediating() {
    String key = declare("Checkout errors", "SEV2");
    assertThat(incidentService.signalAlertResolved(key)).isFalse();

    triage(key);
    chat.clear();
    assertThat(incidentService.signalAlertResolved(key)).isTrue();
    runDueJobs(key);

    assertThat(instance(key, RemediationProcess.KEY)).hasPassed(RemediationProcess.Elements.RESOLUTION_SUGGESTED)
        .isWaitingAt(RemediationProcess.Elements.INVESTIGATE_INCIDENT);
    assertThat(chat.posts(incidents.find(key).orElseThrow().channelName())).extracting(Call::detail)
        .anySatisfy(d -> assertThat(d).contains("alert behind *" + key));
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(Incident.State.OPEN);
  }

  @Test
  void incidentCommanderIsTheTriageAssigneeBeforeTriageAndTakesOverTheTasksAfter() {
    String key = declare("Checkout errors", "SEV2");
    incidentService.assignIncidentCommander(key, IC, "support.sam");
    assertThat(task(key, TriageProcess.Elements.TRIAGE_INCIDENT).getAssignee()).isEqualTo(IC);
    runDueJobs(key);

    triage(key);
    assertThat(task(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT).getAssignee()).isEqualTo(IC);
    String channel = incidents.find(key).orElseThrow().channelName();
    chat.clear();
    incidentService.assignIncidentCommander(key, "nina.new", IC);

    assertThat(task(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT).getAssignee()).isEqualTo("nina.new");
    assertThat(incidents.find(key).orElseThrow().roles().incidentCommander()).isEqualTo("nina.new");
    runDueJobs(key); // the model's channel topic step
    assertThat(instance(key, IncidentProcess.KEY)).hasPassedInOrder(IncidentProcess.Elements.INCIDENT_COMMANDER_CHANGED,
        IncidentProcess.Elements.RECORD_INCIDENT_COMMANDER_CHANGE, IncidentProcess.Elements.HAND_OVER_INCIDENT_COMMANDER_TASKS,
        IncidentProcess.Elements.UPDATE_TOPIC_FOR_NEW_COMMANDER, IncidentProcess.Elements.INCIDENT_COMMANDER_HANDED_OVER);
    assertThat(chat.calls("topic")).filteredOn(c -> c.channel().equals(channel)).last()
        .extracting(Call::detail).asString().contains("IC: nina.new");
    complete(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT, Map.of(RemediationProcess.FINDINGS.name(), "cause",
        RemediationProcess.THIRD_PARTY_INVOLVED.name(), false));
    runDueJobs(key); // the channel topic step before mitigation
    // Tasks created later go to the new IC too.
    assertThat(task(key, RemediationProcess.Elements.MITIGATE_IMPACT).getAssignee()).isEqualTo("nina.new");
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("IC_CHANGED"))
        .extracting(TimelineEntry::actor, TimelineEntry::text)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("support.sam", IC + " took over as IC"),
            org.assertj.core.groups.Tuple.tuple(IC, "nina.new took over as IC from " + IC));
  }

  @Test
  void handingOverTheIcRoleLeavesTasksTheOldIcHoldsInAnotherRole() {
    String key = declare("Checkout errors", "SEV2");
    // The IC is also the communications lead.
    users(IC);
    triage(key, Map.of(IncidentVariables.COMMS_LEAD.name(), IC));
    advance(Duration.ofMinutes(30));
    runDueJobs(key);
    assertThat(task(key, POST_STATUS_UPDATE).getAssignee()).isEqualTo(IC);
    assertThat(task(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT).getAssignee()).isEqualTo(IC);

    incidentService.assignIncidentCommander(key, "nina.new", IC);
    runDueJobs(key);

    assertThat(task(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT).getAssignee()).isEqualTo("nina.new");
    assertThat(task(key, POST_STATUS_UPDATE).getAssignee()).as("held as comms lead").isEqualTo(IC);
    assertThat(incidents.find(key).orElseThrow().roles().commsLead()).isEqualTo(IC);
  }

  @Test
  void theIcOfAMinorIncidentCannotBeHandedOver() {
    String minor = declare("Typo on pricing page", "SEV4");
    assertThatThrownBy(() -> incidentService.assignIncidentCommander(minor, "nina.new", "support.sam"))
        .isInstanceOf(IncidentConflictException.class).hasMessageContaining("no full response");
  }

  @Test
  void resolveCompletesConfirmResolutionOrTheMinorIncidentAndRefusesEarlier() {
    String key = declare("Checkout errors", "SEV2");
    triage(key);
    assertThatThrownBy(() -> incidentService.resolve(key, "done", IC))
        .isInstanceOf(IncidentConflictException.class).hasMessageContaining("open: ")
        .hasMessageContaining("Investigate incident");
    complete(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT, Map.of(RemediationProcess.FINDINGS.name(), "cause",
        RemediationProcess.THIRD_PARTY_INVOLVED.name(), false));
    runDueJobs(key);
    complete(key, RemediationProcess.Elements.MITIGATE_IMPACT, Map.of(RemediationProcess.MITIGATION_SUMMARY.name(), "m"));
    runDueJobs(key);

    // Task names carry the incident (issue 12).
    assertThat(incidentService.resolve(key, "Error rate normal", IC)).isEqualTo("Confirm resolution " + key + " · SEV2 · Checkout errors");
    runDueJobs(key);
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(Incident.State.RESOLVED);

    String minor = declare("Typo on pricing page", "SEV4");
    assertThat(incidentService.resolve(minor, "Fixed the typo", "sam")).isEqualTo("Handle minor incident " + minor + " · SEV4 · Typo on pricing page");
    runDueJobs(minor);
    assertThat(incidents.find(minor).orElseThrow().state()).isEqualTo(Incident.State.CLOSED);
  }

  private String declare(String title, String severity) {
    Incident incident = incidentService.declare(new IncidentDeclaration(title, null, "checkout", "degradation",
        severity, false, "support.sam", "api", null));
    runDueJobs(incident.key());
    return incident.key();
  }

  private void triage(String key) {
    triage(key, Map.of());
  }

  private void triage(String key, Map<String, Object> roles) {
    Task page = task(key, EscalationProcess.Elements.ACKNOWLEDGE_PAGE);
    engine.getTaskService().complete(page.getId());
    Task triage = task(key, TriageProcess.Elements.TRIAGE_INCIDENT);
    if (triage.getAssignee() == null) {
      engine.getTaskService().setAssignee(triage.getId(), IC);
    }
    Map<String, Object> variables = new java.util.HashMap<>(roles);
    variables.putAll(Map.of(TriageProcess.CONFIRMED_SEVERITY.name(),
        incidents.find(key).orElseThrow().severity(), IncidentVariables.INCIDENT_TYPE.name(), "degradation",
        IncidentVariables.CUSTOMER_IMPACT.name(), false));
    engine.getTaskService().complete(triage.getId(), variables);
    runDueJobs(key);
  }
}
