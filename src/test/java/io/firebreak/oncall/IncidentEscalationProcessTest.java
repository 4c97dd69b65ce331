package io.firebreak.oncall;

import static io.firebreak.oncall.EscalationProcess.Elements.ACKNOWLEDGED_IN_TASKLIST;
import static io.firebreak.oncall.EscalationProcess.Elements.ACKNOWLEDGEMENT_RECORDED;
import static io.firebreak.oncall.EscalationProcess.Elements.ACKNOWLEDGE_PAGE;
import static io.firebreak.oncall.EscalationProcess.Elements.ACK_OVERDUE;
import static io.firebreak.oncall.EscalationProcess.Elements.INVITE_ACKNOWLEDGER;
import static io.firebreak.oncall.EscalationProcess.Elements.LEADERSHIP_ESCALATION_PLANNED;
import static io.firebreak.oncall.EscalationProcess.Elements.LEADERSHIP_INFORMED;
import static io.firebreak.oncall.EscalationProcess.Elements.LEVELS_EXHAUSTED;
import static io.firebreak.oncall.EscalationProcess.Elements.LEVELS_EXHAUSTED_CAUGHT;
import static io.firebreak.oncall.EscalationProcess.Elements.MORE_LEVELS;
import static io.firebreak.oncall.EscalationProcess.Elements.NOBODY_ACKNOWLEDGED;
import static io.firebreak.oncall.EscalationProcess.Elements.NOTIFY_LEADERSHIP;
import static io.firebreak.oncall.EscalationProcess.Elements.NO_LEADERSHIP_ESCALATION;
import static io.firebreak.oncall.EscalationProcess.Elements.PAGE_ACKNOWLEDGED;
import static io.firebreak.oncall.EscalationProcess.Elements.PAGE_LEVEL;
import static io.firebreak.oncall.EscalationProcess.Elements.PLAN_ESCALATION;
import static io.firebreak.oncall.EscalationProcess.Elements.RECORD_ACKNOWLEDGEMENT;
import static io.firebreak.oncall.EscalationProcess.Elements.RESOLUTION_OVERDUE;
import static io.firebreak.oncall.EscalationProcess.Elements.REVIEW_ESCALATED_INCIDENT;
import static io.firebreak.platform.FirebreakGroups.INCIDENT_COMMANDERS;
import static io.firebreak.platform.FirebreakGroups.LEADERSHIP;
import static io.firebreak.platform.FirebreakGroups.RESPONDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.MailPort.Mail;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.TestIncidents;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.oncall.RecordingPaging.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * {@code processes/incident-escalation.bpmn}, started the way the incident's
 * {@code CallActivity_EscalateIncident} starts it (every incident variable), against the test
 * catalog ({@code src/test/resources/oncall/test-catalog.yaml}, UTC): service {@code payments-api}
 * with weekly rotations handing off Mondays 09:00 — primary alice (from 2026-03-02), bob (03-09),
 * carol (03-16); secondary bob, carol, alice — policy {@code standard} (primary, secondary,
 * incident commanders, 10 minutes each, repeated once) and, for SEV1, {@code critical} (primary,
 * secondary, lena, leadership). Time is the engine clock.
 */
class IncidentEscalationProcessTest extends ProcessTest {

  private static final String SERVICE = "payments-api";
  private static final String SEV1_CHAIN = "on-call,incident-commanders,leadership";
  private static final String SEV3_CHAIN = "on-call,incident-commanders";

  private static void clockAt(String instant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
  }

  /** What the incident hands over after the declaration; response-plan values as the DMN gives them. */
  private ProcessInstance startEscalation(String title, String service, String severity, String chain,
      int ackTimeoutMinutes, int escalationTimeoutMinutes) {
    Map<String, Object> vars = TestIncidents.fullResponse(incidents, title, "outage", severity, true);
    String key = IncidentVariables.INCIDENT_KEY.from(vars);
    vars.put(IncidentVariables.SERVICE.name(), service);
    vars.put(IncidentVariables.ACK_TIMEOUT_MINUTES.name(), ackTimeoutMinutes);
    vars.put(IncidentVariables.ESCALATION_TIMEOUT_MINUTES.name(), escalationTimeoutMinutes);
    vars.put(IncidentVariables.ESCALATION_CHAIN.name(), chain);
    vars.put(IncidentVariables.CHANNEL_NAME.name(), key.toLowerCase() + "-escalation");
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(EscalationProcess.KEY, key, vars);
    // Paging is its own async step: the first page goes out when its job runs.
    assertThat(pi).isWaitingAt(PAGE_LEVEL);
    runDueJobs(key);
    return pi;
  }

  private void acknowledgeElsewhere(String key, String who) {
    engine.getRuntimeService().createMessageCorrelation(EscalationProcess.MSG_PAGE_ACKNOWLEDGED)
        .processInstanceBusinessKey(key)
        .setVariable(EscalationProcess.ACKNOWLEDGED_BY.name(), who)
        .correlate();
  }

  private List<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> "candidate".equals(l.getType())).map(IdentityLink::getGroupId).toList();
  }

  private TimelineEntry only(String key, String kind) {
    var entries = incidents.timeline(key).stream().filter(e -> e.kind().equals(kind)).toList();
    assertThat(entries).as("%s timeline entries of %s", kind, key).hasSize(1);
    return entries.get(0);
  }

  /** Moves the clock {@code minutes} on and runs what fell due; returns who was paged meanwhile. */
  private List<String> after(String key, int minutes) {
    int before = paging.targets(key).size();
    advance(Duration.ofMinutes(minutes));
    runDueJobs(key);
    List<String> all = paging.targets(key);
    return all.subList(before, all.size());
  }

  @Test
  void aCatalogServicePagesExactlyThePrimaryWhoAcknowledgesInTasklist() {
    clockAt("2026-03-10T10:00:00Z"); // week of 03-09: primary bob, secondary carol
    ProcessInstance pi = startEscalation("Card payments <failing> & slow", SERVICE, "SEV3", SEV3_CHAIN, 15, 0);
    String key = pi.getBusinessKey();

    assertThat(pi).hasPassed(PLAN_ESCALATION, PAGE_LEVEL, LEADERSHIP_ESCALATION_PLANNED, NO_LEADERSHIP_ESCALATION)
        .isWaitingAt(ACKNOWLEDGE_PAGE);
    assertThat(paging.targets(key)).containsExactly("bob");
    Task ack = task(key, ACKNOWLEDGE_PAGE);
    assertThat(ack.getAssignee()).isEqualTo("bob");
    assertThat(candidateGroups(ack)).containsExactly("payments");
    assertThat(pi).variables()
        .containsEntry(EscalationProcess.ESCALATION_POLICY.name(), "standard")
        .containsEntry(EscalationProcess.ACK_DELAY_MINUTES.name(), 10)
        .containsEntry(EscalationProcess.PAGED_TARGET.name(), "bob");

    // The page: the incident, the service, its runbook and experts, and where to acknowledge.
    String text = paging.pages.get(0).text();
    assertThat(text).contains(key, "SEV3", "Card payments <failing> & slow", "Payments <API>",
        "Bob <Builder> & Sons", "payments primary", "Acknowledge within 10 minutes", "/oncall/acknowledge/" + key,
        "Runbook: https://runbooks.example.com/payments-api?x=1&y=<2>",
        "- Alice Archer <alice@example.com>", "- Stripe: support@stripe.example <24/7>");
    assertThat(only(key, "ESCALATION_PLANNED").text()).isEqualTo("Escalation policy standard of payments-api: "
        + "payments primary (10 min), then payments secondary (10 min), then group incident-commanders (10 min); 2 rounds");
    assertThat(only(key, "PAGED").text()).isEqualTo("Paged bob (payments primary; level 1, round 1 of 2, step 1 of 6)");

    engine.getTaskService().complete(ack.getId());
    // Inviting to the channel is an outside call: its own async step.
    assertThat(pi).isWaitingAt(INVITE_ACKNOWLEDGER);
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(ACKNOWLEDGE_PAGE, ACKNOWLEDGED_IN_TASKLIST, RECORD_ACKNOWLEDGEMENT,
        INVITE_ACKNOWLEDGER, ACKNOWLEDGEMENT_RECORDED).isEnded();
    assertThat(chat.calls("invite")).extracting(c -> c.detail())
        .as("whoever acknowledged joins the incident channel").containsExactly("bob@example.com");
    assertThat(pi).hasNotPassed(ACK_OVERDUE, PAGE_ACKNOWLEDGED, NOBODY_ACKNOWLEDGED);
    assertThat(only(key, "ACKNOWLEDGED").text()).isEqualTo("Page acknowledged by bob (level 1, bob)");
    assertThat(after(key, 60)).isEmpty();
  }

  @Test
  void withoutAcknowledgementEachLevelIsPagedAtItsMinuteAndThePolicyRepeatsOnce() {
    // 08:35 on the Monday of a hand-off: round 2 reaches the primary after 09:00, when carol took over.
    clockAt("2026-03-16T08:35:00Z");
    ProcessInstance pi = startEscalation("Refunds stuck", SERVICE, "SEV3", SEV3_CHAIN, 15, 0);
    String key = pi.getBusinessKey();
    assertThat(paging.targets(key)).containsExactly("bob");

    assertThat(after(key, 9)).as("minute 9").isEmpty();
    assertThat(after(key, 1)).as("minute 10: secondary").containsExactly("carol");
    assertThat(pi).hasPassedInOrder(ACK_OVERDUE, MORE_LEVELS, PAGE_LEVEL).isWaitingAt(ACKNOWLEDGE_PAGE);
    assertThat(task(key, ACKNOWLEDGE_PAGE).getAssignee()).isEqualTo("carol");

    assertThat(after(key, 10)).as("minute 20: incident commanders").containsExactly(INCIDENT_COMMANDERS);
    Task ic = task(key, ACKNOWLEDGE_PAGE);
    assertThat(ic.getAssignee()).isNull();
    assertThat(candidateGroups(ic)).containsExactly(INCIDENT_COMMANDERS);

    assertThat(after(key, 9)).as("minute 29").isEmpty();
    assertThat(after(key, 1)).as("minute 30 (09:05): round 2, the new primary").containsExactly("carol");
    assertThat(paging.pages.get(paging.pages.size() - 1).text()).contains("round 2 of 2");
    assertThat(after(key, 10)).as("minute 40 (09:15): the new secondary").containsExactly("alice");
    assertThat(after(key, 10)).as("minute 50").containsExactly(INCIDENT_COMMANDERS);
    assertThat(pi).isWaitingAt(ACKNOWLEDGE_PAGE);

    assertThat(after(key, 10)).as("minute 60: the policy is exhausted").isEmpty();
    assertThat(pi).hasPassedInOrder(LEVELS_EXHAUSTED, LEVELS_EXHAUSTED_CAUGHT, NOBODY_ACKNOWLEDGED)
        .hasNotPassed(RECORD_ACKNOWLEDGEMENT).isEnded();
    assertThat(timelineKinds(key)).last().isEqualTo("ESCALATION_EXHAUSTED");
    assertThat(timelineKinds(key)).containsOnlyOnce("ESCALATION_EXHAUSTED");
    assertThat(timelineTexts(key)).contains("Paged carol (payments primary; level 1, round 2 of 2, step 4 of 6)");
    assertThat(tasks(key)).isEmpty();
  }

  @Test
  void anAcknowledgementFromSlackOrPagerDutyStopsTheEscalation() {
    clockAt("2026-03-05T12:00:00Z"); // an override puts carol on primary for 03-05
    ProcessInstance pi = startEscalation("Payouts delayed", SERVICE, "SEV3", SEV3_CHAIN, 15, 0);
    String key = pi.getBusinessKey();
    assertThat(paging.targets(key)).containsExactly("carol");
    assertThat(after(key, 10)).containsExactly("bob"); // secondary, week of 03-02

    acknowledgeElsewhere(key, "bob");
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(PAGE_ACKNOWLEDGED, RECORD_ACKNOWLEDGEMENT, INVITE_ACKNOWLEDGER,
        ACKNOWLEDGEMENT_RECORDED).isEnded();
    assertThat(chat.calls("invite")).extracting(c -> c.detail()).containsExactly("bob@example.com");
    assertThat(tasks(key)).isEmpty();
    assertThat(only(key, "ACKNOWLEDGED").text()).isEqualTo("Page acknowledged by bob (level 2, bob)");
    assertThat(after(key, 120)).as("the ack timer went with the task").isEmpty();
  }

  @Test
  void anAcknowledgementWhileAPageIsStillBeingSentStopsTheEscalationToo() {
    clockAt("2026-03-10T10:00:00Z");
    Map<String, Object> vars = TestIncidents.fullResponse(incidents, "Checkout slow", "outage", "SEV3", true);
    String key = IncidentVariables.INCIDENT_KEY.from(vars);
    vars.put(IncidentVariables.SERVICE.name(), SERVICE);
    vars.put(IncidentVariables.ACK_TIMEOUT_MINUTES.name(), 15);
    vars.put(IncidentVariables.ESCALATION_TIMEOUT_MINUTES.name(), 0);
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(EscalationProcess.KEY, key, vars);
    // The page job has not run yet (say the paging service is down and it is being retried).
    assertThat(pi).isWaitingAt(PAGE_LEVEL);

    acknowledgeElsewhere(key, "alice");

    assertThat(runDueJobs(key)).as("only the invitation of alice, no page").isEqualTo(1);
    assertThat(pi).hasPassedInOrder(PAGE_ACKNOWLEDGED, RECORD_ACKNOWLEDGEMENT, ACKNOWLEDGEMENT_RECORDED).isEnded();
    assertThat(paging.targets(key)).isEmpty();
    assertThat(only(key, "ACKNOWLEDGED").actor()).isEqualTo("alice");
  }

  @Test
  void sev1UsesItsOwnPolicyWithDelaysShortenedByTheResponsePlan() {
    clockAt("2026-03-10T10:00:00Z");
    ProcessInstance pi = startEscalation("All payments failing", SERVICE, "SEV1", SEV1_CHAIN, 5, 0);
    String key = pi.getBusinessKey();
    assertThat(pi).variables().containsEntry(EscalationProcess.ESCALATION_POLICY.name(), "critical");
    assertThat(paging.targets(key)).containsExactly("bob");
    assertThat(after(key, 4)).isEmpty();
    assertThat(after(key, 1)).as("the policy says 10 minutes, SEV1's plan 5").containsExactly("carol");
    assertThat(after(key, 5)).containsExactly("lena");
    assertThat(task(key, ACKNOWLEDGE_PAGE).getAssignee()).isEqualTo("lena");
    assertThat(after(key, 5)).containsExactly(LEADERSHIP);
    assertThat(after(key, 5)).isEmpty();
    assertThat(pi).hasPassed(LEVELS_EXHAUSTED).isEnded();
  }

  @Test
  void aServiceNotInTheCatalogPagesTheResponsePlanChainAsBefore() {
    ProcessInstance pi = startEscalation("Checkout down", "checkout", "SEV3", SEV3_CHAIN, 15, 0);
    String key = pi.getBusinessKey();
    assertThat(paging.targets(key)).containsExactly(RESPONDERS);
    Task first = task(key, ACKNOWLEDGE_PAGE);
    assertThat(first.getAssignee()).isNull();
    assertThat(candidateGroups(first)).containsExactly(RESPONDERS);
    assertThat(pi).variables().containsEntry(EscalationProcess.ESCALATION_POLICY.name(), EscalationPlan.FALLBACK_POLICY);
    assertThat(paging.pages.get(0).text()).contains("paged for checkout", "escalation level 1 (responders)")
        .doesNotContain("Runbook");

    assertThat(after(key, 14)).isEmpty();
    assertThat(after(key, 1)).containsExactly(INCIDENT_COMMANDERS);
    engine.getTaskService().claim(task(key, ACKNOWLEDGE_PAGE).getId(), "ic.ines");
    engine.getTaskService().complete(task(key, ACKNOWLEDGE_PAGE).getId());
    runDueJobs(key);
    assertThat(pi).hasPassed(ACKNOWLEDGEMENT_RECORDED).isEnded();
    assertThat(only(key, "ACKNOWLEDGED").text()).isEqualTo("Page acknowledged by ic.ines (level 2, incident-commanders)");

    assertThat(timelineTexts(key)).contains("Escalation policy response-plan (service not in the catalog): "
        + "group responders (15 min), then group incident-commanders (15 min)");
  }

  @Test
  void highSeverityUnresolvedPastItsTimeoutEmailsLeadershipWhoReviewIt() {
    clockAt("2026-03-10T10:00:00Z");
    ProcessInstance pi = startEscalation("Payments failing", SERVICE, "SEV1", SEV1_CHAIN, 5, 60);
    String key = pi.getBusinessKey();
    assertThat(pi).hasPassed(LEADERSHIP_ESCALATION_PLANNED).isWaitingAt(ACKNOWLEDGE_PAGE, RESOLUTION_OVERDUE);

    acknowledgeElsewhere(key, "bob");
    runDueJobs(key);
    assertThat(pi).hasPassed(ACKNOWLEDGEMENT_RECORDED).isWaitingAt(RESOLUTION_OVERDUE);

    assertThat(after(key, 59)).isEmpty();
    assertThat(mail.to(key)).isEmpty();
    advance(Duration.ofMinutes(1));
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(RESOLUTION_OVERDUE, NOTIFY_LEADERSHIP).isWaitingAt(REVIEW_ESCALATED_INCIDENT);
    assertThat(task(key, REVIEW_ESCALATED_INCIDENT)).hasCandidateGroup(LEADERSHIP);
    assertThat(mail.to(key)).hasSize(1);
    Mail escalation = mail.to(key).get(0);
    // lena is in leadership through the catalog's people.
    assertThat(escalation.to()).contains("lena@example.com").doesNotContain("incidents@example.com");
    assertThat(escalation.subject()).isEqualTo("[" + key + "][SEV1] Escalation: Payments failing unresolved");
    assertThat(escalation.text()).contains(key + " (SEV1) has not been resolved within its escalation timeout of 60 minutes");

    engine.getTaskService().claim(task(key, REVIEW_ESCALATED_INCIDENT).getId(), "lena");
    complete(key, REVIEW_ESCALATED_INCIDENT, Map.of("leadershipNotes", "Add a second IC"));
    assertThat(pi).hasPassed(LEADERSHIP_INFORMED).hasNotPassed(NO_LEADERSHIP_ESCALATION).isEnded();
    assertThat(paging.pages).extracting(Page::target).containsExactly("bob");
  }
}
