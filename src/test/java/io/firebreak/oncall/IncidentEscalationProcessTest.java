package io.firebreak.oncall;

import static io.firebreak.oncall.EscalationProcess.Elements.ACKNOWLEDGEMENT_RECORDED;
import static io.firebreak.oncall.EscalationProcess.Elements.ACKNOWLEDGE_PAGE;
import static io.firebreak.oncall.EscalationProcess.Elements.ACK_OVERDUE;
import static io.firebreak.oncall.EscalationProcess.Elements.HIGH_SEVERITY;
import static io.firebreak.oncall.EscalationProcess.Elements.LEADERSHIP_INFORMED;
import static io.firebreak.oncall.EscalationProcess.Elements.LEVELS_EXHAUSTED;
import static io.firebreak.oncall.EscalationProcess.Elements.MORE_LEVELS;
import static io.firebreak.oncall.EscalationProcess.Elements.NOTIFY_LEADERSHIP;
import static io.firebreak.oncall.EscalationProcess.Elements.NO_LEADERSHIP_ESCALATION;
import static io.firebreak.oncall.EscalationProcess.Elements.PAGE_ACKNOWLEDGED;
import static io.firebreak.oncall.EscalationProcess.Elements.PAGE_NEXT_LEVEL;
import static io.firebreak.oncall.EscalationProcess.Elements.RECORD_ACKNOWLEDGEMENT;
import static io.firebreak.oncall.EscalationProcess.Elements.RESOLUTION_OVERDUE;
import static io.firebreak.oncall.EscalationProcess.Elements.REVIEW_ESCALATED_INCIDENT;
import static io.firebreak.security.FirebreakGroups.INCIDENT_COMMANDERS;
import static io.firebreak.security.FirebreakGroups.LEADERSHIP;
import static io.firebreak.security.FirebreakGroups.RESPONDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.MailPort.Mail;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.TestIncidents;
import io.firebreak.incident.TimelineEntry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code processes/incident-escalation.bpmn}, started the way the incident's
 * {@code CallActivity_EscalateIncident} starts it: with every variable of the incident, after the
 * declaration has paged level 0 of the escalation chain (on-call, group {@code responders}).
 */
class IncidentEscalationProcessTest extends ProcessTest {

  private static final String SEV1_CHAIN = "on-call,incident-commanders,leadership";
  private static final String SEV3_CHAIN = "on-call,incident-commanders";

  private String leadershipUser;

  @AfterEach
  void removeLeadershipUser() {
    if (leadershipUser != null) {
      engine.getIdentityService().deleteUser(leadershipUser);
      leadershipUser = null;
    }
  }

  /** What the incident hands over once the declaration has paged on-call (level 0). */
  private ProcessInstance startEscalation(String title, String severity, String chain, int ackTimeoutMinutes,
      int escalationTimeoutMinutes) {
    Map<String, Object> vars = TestIncidents.fullResponse(incidents, title, "outage", severity, true);
    String key = IncidentVariables.INCIDENT_KEY.from(vars);
    vars.put(IncidentVariables.ACK_TIMEOUT_MINUTES.name(), ackTimeoutMinutes);
    vars.put(IncidentVariables.ESCALATION_TIMEOUT_MINUTES.name(), escalationTimeoutMinutes);
    vars.put(IncidentVariables.ESCALATION_CHAIN.name(), chain);
    vars.put(IncidentVariables.CHANNEL_NAME.name(), key.toLowerCase() + "-escalation");
    vars.put(EscalationProcess.ESCALATION_LEVEL.name(), 0);
    vars.put(EscalationProcess.PAGED_TARGET.name(), RESPONDERS);
    vars.put(EscalationProcess.MORE_LEVELS.name(), true);
    return engine.getRuntimeService().startProcessInstanceByKey(EscalationProcess.KEY, key, vars);
  }

  private void claimAndComplete(String key, String elementId, String user, Map<String, Object> variables) {
    engine.getTaskService().claim(task(key, elementId).getId(), user);
    complete(key, elementId, variables);
  }

  private void acknowledgeElsewhere(String key, String who) {
    engine.getRuntimeService().createMessageCorrelation(EscalationProcess.MSG_PAGE_ACKNOWLEDGED)
        .processInstanceBusinessKey(key)
        .setVariable(EscalationProcess.ACKNOWLEDGED_BY.name(), who)
        .correlate();
  }

  private TimelineEntry only(String key, String kind) {
    var entries = incidents.timeline(key).stream().filter(e -> e.kind().equals(kind)).toList();
    assertThat(entries).as("%s timeline entries of %s", kind, key).hasSize(1);
    return entries.get(0);
  }

  @Test
  void pageAcknowledgedInTasklistIsRecordedAndNoLeadershipEscalationBelowItsThreshold() {
    ProcessInstance pi = startEscalation("Search results stale", "SEV3", SEV3_CHAIN, 15, 0);
    String key = pi.getBusinessKey();

    // SEV3 plans no leadership escalation: that branch ends at once; the page waits for on-call.
    assertThat(pi).hasPassed(HIGH_SEVERITY, NO_LEADERSHIP_ESCALATION).isWaitingAt(ACKNOWLEDGE_PAGE);
    assertThat(task(key, ACKNOWLEDGE_PAGE)).hasCandidateGroup(RESPONDERS);
    assertThat(pi).hasNotPassed(RESOLUTION_OVERDUE);

    claimAndComplete(key, ACKNOWLEDGE_PAGE, "oncall.olivia", Map.of());

    assertThat(pi).hasPassedInOrder(ACKNOWLEDGE_PAGE, RECORD_ACKNOWLEDGEMENT, ACKNOWLEDGEMENT_RECORDED).isEnded();
    assertThat(pi).hasNotPassed(ACK_OVERDUE, PAGE_ACKNOWLEDGED, PAGE_NEXT_LEVEL);
    TimelineEntry ack = only(key, "ACKNOWLEDGED");
    assertThat(ack.actor()).isEqualTo("oncall.olivia");
    assertThat(ack.text()).isEqualTo("Page acknowledged by oncall.olivia (level 1, responders)");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(EscalationProcess.ACKNOWLEDGED_BY.name()).singleResult().getValue()).isEqualTo("oncall.olivia");
    assertThat(paging.targets(key)).isEmpty();
    assertThat(mail.to(key)).isEmpty();
  }

  @Test
  void pageAcknowledgedElsewhereEndsTheAcknowledgeTaskAndIsRecorded() {
    ProcessInstance pi = startEscalation("Login errors", "SEV3", SEV3_CHAIN, 15, 0);
    String key = pi.getBusinessKey();

    acknowledgeElsewhere(key, "oncall.omar");

    assertThat(pi).hasPassedInOrder(PAGE_ACKNOWLEDGED, RECORD_ACKNOWLEDGEMENT, ACKNOWLEDGEMENT_RECORDED).isEnded();
    // The acknowledge task was cancelled by the message, not completed by anyone.
    assertThat(tasks(key)).isEmpty();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(ACKNOWLEDGE_PAGE).singleResult().getDeleteReason()).isNotEqualTo("completed");
    assertThat(only(key, "ACKNOWLEDGED").text()).isEqualTo("Page acknowledged by oncall.omar (level 1, responders)");
    // The ack timer went with the task: nothing fires later.
    advance(Duration.ofMinutes(16));
    assertThat(runDueJobs(key)).isZero();
    assertThat(paging.targets(key)).isEmpty();
  }

  @Test
  void unacknowledgedPageEscalatesToTheNextLevelWhichCanAcknowledge() {
    ProcessInstance pi = startEscalation("Checkout down", "SEV3", SEV3_CHAIN, 15, 0);
    String key = pi.getBusinessKey();

    advance(Duration.ofMinutes(14));
    assertThat(runDueJobs(key)).isZero();
    assertThat(paging.targets(key)).isEmpty();

    advance(Duration.ofMinutes(2));
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(ACK_OVERDUE, MORE_LEVELS, PAGE_NEXT_LEVEL).isWaitingAt(ACKNOWLEDGE_PAGE);
    assertThat(paging.targets(key)).containsExactly(INCIDENT_COMMANDERS);
    assertThat(paging.pages.get(0).text()).contains(key, "SEV3", "Checkout down", "escalation level 2",
        "(" + INCIDENT_COMMANDERS + ")");
    assertThat(task(key, ACKNOWLEDGE_PAGE)).hasCandidateGroup(INCIDENT_COMMANDERS);
    assertThat(pi).variables()
        .containsEntry(EscalationProcess.ESCALATION_LEVEL.name(), 1)
        .containsEntry(EscalationProcess.PAGED_TARGET.name(), INCIDENT_COMMANDERS)
        .containsEntry(EscalationProcess.MORE_LEVELS.name(), false);
    assertThat(only(key, "PAGED").text()).isEqualTo("Paged incident-commanders (level 2 of 2)");

    claimAndComplete(key, ACKNOWLEDGE_PAGE, "ic.ines", Map.of());

    assertThat(pi).hasPassed(RECORD_ACKNOWLEDGEMENT, ACKNOWLEDGEMENT_RECORDED).isEnded();
    assertThat(only(key, "ACKNOWLEDGED").text()).isEqualTo("Page acknowledged by ic.ines (level 2, incident-commanders)");
  }

  @Test
  void everyLevelLeftUnacknowledgedWalksTheWholeChainThenStops() {
    ProcessInstance pi = startEscalation("Database failover stuck", "SEV1", SEV1_CHAIN, 5, 0);
    String key = pi.getBusinessKey();

    advance(Duration.ofMinutes(6));
    runDueJobs(key);
    assertThat(task(key, ACKNOWLEDGE_PAGE)).hasCandidateGroup(INCIDENT_COMMANDERS);
    advance(Duration.ofMinutes(6));
    runDueJobs(key);
    assertThat(task(key, ACKNOWLEDGE_PAGE)).hasCandidateGroup(LEADERSHIP);
    advance(Duration.ofMinutes(6));
    runDueJobs(key);

    assertThat(paging.targets(key)).containsExactly(INCIDENT_COMMANDERS, LEADERSHIP);
    assertThat(timelineTexts(key)).containsExactly(
        "Paged incident-commanders (level 2 of 3)", "Paged leadership (level 3 of 3)",
        "Nobody acknowledged the page at any escalation level; the incident commander must find responders");
    assertThat(timelineKinds(key)).last().isEqualTo("ESCALATION_EXHAUSTED");
    assertThat(pi).hasPassed(LEVELS_EXHAUSTED).hasNotPassed(RECORD_ACKNOWLEDGEMENT).isEnded();
    assertThat(tasks(key)).isEmpty();
  }

  @Test
  void highSeverityUnresolvedPastItsTimeoutEmailsLeadershipWhoReviewIt() {
    IdentityService identity = engine.getIdentityService();
    leadershipUser = "lead-" + UUID.randomUUID();
    User lead = identity.newUser(leadershipUser);
    lead.setEmail(leadershipUser + "@example.com");
    identity.saveUser(lead);
    identity.createMembership(leadershipUser, LEADERSHIP);

    ProcessInstance pi = startEscalation("Payments failing", "SEV1", SEV1_CHAIN, 5, 60);
    String key = pi.getBusinessKey();
    assertThat(pi).hasPassed(HIGH_SEVERITY).isWaitingAt(ACKNOWLEDGE_PAGE, RESOLUTION_OVERDUE);

    acknowledgeElsewhere(key, "oncall.olivia");
    assertThat(pi).hasPassed(ACKNOWLEDGEMENT_RECORDED).isWaitingAt(RESOLUTION_OVERDUE);

    advance(Duration.ofMinutes(59));
    assertThat(runDueJobs(key)).isZero();
    assertThat(mail.to(key)).isEmpty();

    advance(Duration.ofMinutes(2));
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(RESOLUTION_OVERDUE, NOTIFY_LEADERSHIP).isWaitingAt(REVIEW_ESCALATED_INCIDENT);
    assertThat(task(key, REVIEW_ESCALATED_INCIDENT)).hasCandidateGroup(LEADERSHIP);
    assertThat(mail.to(key)).hasSize(1);
    Mail escalation = mail.to(key).get(0);
    assertThat(escalation.to()).contains(leadershipUser + "@example.com").doesNotContain("incidents@example.com");
    assertThat(escalation.subject()).isEqualTo("[" + key + "][SEV1] Escalation: Payments failing unresolved");
    assertThat(escalation.text()).contains(key + " (SEV1) has not been resolved within its escalation timeout of 60 minutes",
        "Review escalated incident");

    claimAndComplete(key, REVIEW_ESCALATED_INCIDENT, leadershipUser, Map.of("leadershipNotes", "Add a second IC"));

    assertThat(pi).hasPassed(LEADERSHIP_INFORMED).hasNotPassed(NO_LEADERSHIP_ESCALATION).isEnded();
    assertThat(paging.targets(key)).isEmpty();
  }
}
