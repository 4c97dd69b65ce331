package io.firebreak.oncall;

import static io.firebreak.oncall.EscalationProcess.Elements.ACKNOWLEDGE_PAGE;
import static io.firebreak.oncall.EscalationProcess.Elements.AWAIT_WORKING_HOURS;
import static io.firebreak.oncall.EscalationProcess.Elements.PAGE_ACKNOWLEDGED;
import static io.firebreak.oncall.EscalationProcess.Elements.PAGING_DEFERRED;
import static io.firebreak.oncall.EscalationProcess.Elements.REASSESS_PAGING_TIME;
import static io.firebreak.oncall.EscalationProcess.Elements.RECORD_ACKNOWLEDGEMENT;
import static io.firebreak.oncall.EscalationProcess.Elements.SEVERITY_CHANGED_WHILE_WAITING;
import static io.firebreak.oncall.EscalationProcess.Elements.WORKING_HOURS_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.incident.IncidentDeclaration;
import io.firebreak.incident.IncidentService;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Working hours as a plan input, through the whole incident: service {@code reports} of the test
 * catalog belongs to team {@code reporting}, which works Monday to Friday 09:00-17:00 Berlin. The
 * shipped response plan pages a SEV3 outage outside those hours at the start of the next working
 * day, a SEV1 at once. Payments primary on call: alice (week of 2026-03-02, hand-off Monday 09:00 UTC).
 */
class WorkingHoursProcessTest extends ProcessTest {

  /** Friday 2026-03-06 18:00 in Berlin (UTC+1). */
  private static final String FRIDAY_EVENING = "2026-03-06T17:00:00Z";
  /** Monday 2026-03-09 09:00 in Berlin. */
  private static final Instant MONDAY_MORNING = Instant.parse("2026-03-09T08:00:00Z");

  @Autowired IncidentService incidentService;

  private static void clockAt(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  private String declare(String severity) {
    clockAt(Instant.parse(FRIDAY_EVENING));
    String key = incidentService.declare(new IncidentDeclaration("Monthly report <late>", "Reported by finance", "reports",
        "outage", severity, false, "support.sam", "api", null)).key();
    runDueJobs(key);
    return key;
  }

  private ProcessInstance escalation(String key) {
    return instance(key, EscalationProcess.KEY);
  }

  private Date workingHoursTimerDue(String key) {
    return engine.getManagementService().createJobQuery().processInstanceId(escalation(key).getId()).timers()
        .activityId(WORKING_HOURS_STARTED).singleResult().getDuedate();
  }

  @Test
  void aSev3DeclaredFridayEveningPagesMondayAtNineBerlinTime() {
    String key = declare("SEV3");
    ProcessInstance escalation = escalation(key);
    assertThat(escalation).hasPassed(PAGING_DEFERRED).isWaitingAt(AWAIT_WORKING_HOURS);
    assertThat(escalation).variables()
        .containsEntry(EscalationProcess.INSIDE_WORKING_HOURS.name(), false)
        .containsEntry(EscalationProcess.DEFER_PAGING.name(), true)
        .containsEntry(EscalationProcess.WORKING_HOURS_START_AT.name(), MONDAY_MORNING.toString());
    assertThat(workingHoursTimerDue(key)).isEqualTo(Date.from(MONDAY_MORNING));
    assertThat(paging.targets(key)).isEmpty();

    // The weekend passes: nobody is paged.
    clockAt(MONDAY_MORNING.minusSeconds(60));
    runDueJobs(key);
    assertThat(paging.targets(key)).isEmpty();

    clockAt(MONDAY_MORNING);
    runDueJobs(key);
    assertThat(escalation).hasPassed(WORKING_HOURS_STARTED).isWaitingAt(ACKNOWLEDGE_PAGE);
    assertThat(paging.targets(key)).containsExactly("alice");
  }

  @Test
  void aSev1AtTheSameMomentPagesAtOnce() {
    String key = declare("SEV1");
    ProcessInstance escalation = escalation(key);
    assertThat(escalation).hasPassed(PAGING_DEFERRED).hasNotPassed(AWAIT_WORKING_HOURS).isWaitingAt(ACKNOWLEDGE_PAGE);
    assertThat(escalation).variables().containsEntry(EscalationProcess.DEFER_PAGING.name(), false)
        .containsEntry(EscalationProcess.ESCALATION_POLICY.name(), "critical");
    assertThat(paging.targets(key)).containsExactly("alice");
  }

  @Test
  void raisingTheSeverityWhileWaitingPagesAtOnceWithTheNewSeveritysPolicy() {
    String key = declare("SEV3");
    assertThat(escalation(key)).isWaitingAt(AWAIT_WORKING_HOURS);
    clockAt(Instant.parse(FRIDAY_EVENING).plusSeconds(3600));

    incidentService.changeSeverity(key, "SEV1", "All finance reports fail", "alice");
    runDueJobs(key);

    ProcessInstance escalation = escalation(key);
    assertThat(escalation).hasPassed(SEVERITY_CHANGED_WHILE_WAITING, REASSESS_PAGING_TIME).isWaitingAt(ACKNOWLEDGE_PAGE);
    assertThat(escalation).variables()
        .containsEntry("severity", "SEV1")
        .containsEntry(EscalationProcess.ESCALATION_POLICY.name(), "critical")
        .containsEntry(EscalationProcess.ACK_DELAY_MINUTES.name(), 5);
    assertThat(paging.targets(key)).containsExactly("alice");
    // The incident itself heard the change too and re-planned.
    assertThat(incidents.find(key).orElseThrow().severity()).isEqualTo("SEV1");
  }

  @Test
  void aSeverityChangeThatStillMayWaitKeepsWaiting() {
    String key = declare("SEV3");
    incidentService.changeSeverity(key, "SEV3", "Still only the monthly report", "alice");
    runDueJobs(key);
    assertThat(escalation(key)).hasPassed(REASSESS_PAGING_TIME).isWaitingAt(AWAIT_WORKING_HOURS);
    assertThat(workingHoursTimerDue(key)).isEqualTo(Date.from(MONDAY_MORNING));
    assertThat(paging.targets(key)).isEmpty();
  }

  @Test
  void anAcknowledgementWhileWaitingStopsTheEscalation() {
    String key = declare("SEV3");
    engine.getRuntimeService().createMessageCorrelation(EscalationProcess.MSG_PAGE_ACKNOWLEDGED)
        .processInstanceBusinessKey(key)
        .setVariable(EscalationProcess.ACKNOWLEDGED_BY.name(), "bob")
        .correlate();
    runDueJobs(key);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
            .processDefinitionKey(EscalationProcess.KEY).singleResult().getId())
        .activityId(RECORD_ACKNOWLEDGEMENT).count()).isEqualTo(1);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
        .activityId(PAGE_ACKNOWLEDGED).processInstanceId(engine.getHistoryService().createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(key).processDefinitionKey(EscalationProcess.KEY).singleResult().getId()).count())
        .isEqualTo(1);
    assertThat(paging.targets(key)).isEmpty();
  }
}
