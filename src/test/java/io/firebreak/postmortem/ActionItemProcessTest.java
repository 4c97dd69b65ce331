package io.firebreak.postmortem;

import static io.firebreak.postmortem.ActionItemProcess.Elements.ASSIGNED;
import static io.firebreak.postmortem.ActionItemProcess.Elements.COMPLETE_ACTION_ITEM;
import static io.firebreak.postmortem.ActionItemProcess.Elements.DONE;
import static io.firebreak.postmortem.ActionItemProcess.Elements.ESCALATE_TO_LEAD;
import static io.firebreak.postmortem.ActionItemProcess.Elements.LEAD_INFORMED;
import static io.firebreak.postmortem.ActionItemProcess.Elements.OVERDUE;
import static io.firebreak.postmortem.ActionItemProcess.Elements.OWNER_REMINDED;
import static io.firebreak.postmortem.ActionItemProcess.Elements.RECORD_DONE;
import static io.firebreak.postmortem.ActionItemProcess.Elements.REMINDER_DUE;
import static io.firebreak.postmortem.ActionItemProcess.Elements.REMIND_OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.comms.MailPort.Mail;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.TestIncidents;
import io.firebreak.platform.FirebreakGroups;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code processes/action-item.bpmn}, started as the postmortem's {@code Task_StartActionItems}
 * starts it (through the real planner): reminder before the due date, escalation to the owner's
 * lead when overdue, and done tracked in {@code fb_action_item}.
 */
class ActionItemProcessTest extends ApprovedPostmortems {

  @BeforeEach
  void moreOwnersAndLeads() {
    // Owners are responders: that group may read and work incident tasks in Tasklist.
    TestUsers.ensure(engine.getIdentityService(), "bob", "bob@example.com", FirebreakGroups.RESPONDERS);
    TestUsers.ensure(engine.getIdentityService(), "lena.lead", "lena@example.com");
    TestUsers.ensure(engine.getIdentityService(), "vic.vp", "vic@example.com", FirebreakGroups.LEADERSHIP);
  }

  /** Plans the items as an approved postmortem does and returns the incident key. */
  private String planned(String items) {
    ProcessInstance pm = approvedWith(items);
    assertThat(pm).isEnded();
    return pm.getBusinessKey();
  }

  private ProcessInstance item(String key, String owner) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).taskAssignee(owner).singleResult();
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult();
  }

  @Test
  void ownerIsRemindedTheWorkingDayBeforeAndTheItemIsDoneBeforeItsDueDate() {
    // Due Monday: the reminder comes on Friday at 09:00, not on Sunday.
    String key = planned("Add retries to the payment client | alice | 2026-03-09 | prevent");
    ProcessInstance pi = item(key, "alice");
    assertThat(pi).isWaitingAt(COMPLETE_ACTION_ITEM).hasPassed(ASSIGNED);

    ClockUtil.setCurrentTime(date(LocalDateTime.of(2026, 3, 6, 8, 59)));
    runDueJobs(key);
    assertThat(mail.to(key)).isEmpty();
    ClockUtil.setCurrentTime(date(LocalDateTime.of(2026, 3, 6, 9, 0)));
    runDueJobs(key);
    assertThat(pi).hasPassed(REMINDER_DUE, REMIND_OWNER, OWNER_REMINDED).isWaitingAt(COMPLETE_ACTION_ITEM);
    assertThat(mail.to(key)).singleElement().satisfies(m -> {
      assertThat(m.to()).containsExactly("alice@example.com");
      assertThat(m.subject()).isEqualTo("[" + key + "] Action item due 2026-03-09: Add retries to the payment client");
      assertThat(m.text()).contains("from the postmortem of " + key + " (Checkout fails) is due on 2026-03-09");
    });

    advance(Duration.ofHours(2));
    engine.getIdentityService().setAuthentication("alice", List.of(FirebreakGroups.RESPONDERS));
    try {
      complete(key, COMPLETE_ACTION_ITEM, Map.of(ActionItemProcess.OUTCOME.name(), "Retries with backoff in release 43"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    assertThat(pi).hasPassedInOrder(ASSIGNED, COMPLETE_ACTION_ITEM, RECORD_DONE, DONE).hasNotPassed(OVERDUE).isEnded();
    ActionItemRepository.Row row = actionItems.ofIncident(key).get(0);
    assertThat(row.status()).isEqualTo("done");
    assertThat(row.completedBy()).isEqualTo("alice");
    assertThat(row.outcome()).isEqualTo("Retries with backoff in release 43");
    assertThat(row.completedAt()).isEqualTo(date(LocalDateTime.of(2026, 3, 6, 11, 0)).toInstant());
    assertThat(timelineTexts(key)).contains(
        "Action item done: Add retries to the payment client — Retries with backoff in release 43");
    // No timers are left behind once it is done.
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  @Test
  void overdueItemEscalatesToTheOwnersLeadOrElseToLeadershipAndStaysOpenUntilDone() {
    String key = planned("""
        Add retries to the payment client | alice | 2026-03-05
        Alert on checkout error rate | bob | 2026-03-05 | detect
        """);
    ProcessInstance alice = item(key, "alice");
    ProcessInstance bob = item(key, "bob");
    runDueJobs(key);
    mail.clear();

    // 16:59 on the due day: not overdue yet.
    ClockUtil.setCurrentTime(date(LocalDateTime.of(2026, 3, 5, 16, 59)));
    runDueJobs(key);
    assertThat(mail.to(key)).isEmpty();
    assertThat(alice).isWaitingAt(COMPLETE_ACTION_ITEM).hasNotPassed(OVERDUE);

    ClockUtil.setCurrentTime(date(LocalDateTime.of(2026, 3, 5, 17, 0)));
    runDueJobs(key);
    assertThat(alice).hasPassed(OVERDUE, ESCALATE_TO_LEAD, LEAD_INFORMED).isWaitingAt(COMPLETE_ACTION_ITEM);
    assertThat(bob).hasPassed(OVERDUE, ESCALATE_TO_LEAD, LEAD_INFORMED).isWaitingAt(COMPLETE_ACTION_ITEM);
    List<Mail> sent = mail.to(key);
    assertThat(sent).extracting(Mail::subject).containsExactlyInAnyOrder(
        "[" + key + "] Overdue action item of alice: Add retries to the payment client",
        "[" + key + "] Overdue action item of bob: Alert on checkout error rate");
    // alice's lead is configured (firebreak.action-items.leads); bob has none, so leadership hears of it.
    assertThat(sent).filteredOn(m -> m.subject().contains("alice")).singleElement()
        .satisfies(m -> assertThat(m.to()).containsExactly("lena@example.com"));
    assertThat(sent).filteredOn(m -> m.subject().contains("bob")).singleElement()
        .satisfies(m -> assertThat(m.to()).contains("vic@example.com").doesNotContain("bob@example.com"));
    assertThat(timelineTexts(key)).contains(
        "Action item overdue: Add retries to the payment client (alice, due 2026-03-05); escalated to lena.lead",
        "Action item overdue: Alert on checkout error rate (bob, due 2026-03-05); escalated to group leadership");
    assertThat(actionItems.overdue(java.time.LocalDate.of(2026, 3, 6))).extracting(ActionItemRepository.Row::owner)
        .containsExactly("alice", "bob");

    // Still the owner's task; done later, the item is tracked as done.
    engine.getTaskService().complete(task(key, alice).getId(),
        Map.of(ActionItemProcess.OUTCOME.name(), "Retries shipped a day late"));
    assertThat(alice).hasPassed(RECORD_DONE, DONE).isEnded();
    assertThat(actionItems.ofIncident(key)).extracting(ActionItemRepository.Row::owner, ActionItemRepository.Row::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "done"), org.assertj.core.groups.Tuple.tuple("bob", "open"));
  }

  private Task task(String key, ProcessInstance pi) {
    return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
  }

  /** Fails the first time it runs, as a node dying after the email went out but before the commit. */
  public static class FailOnce implements JavaDelegate {
    static final AtomicInteger FAILURES = new AtomicInteger();

    @Override
    public void execute(DelegateExecution execution) {
      if (FAILURES.getAndDecrement() > 0) {
        throw new IllegalStateException("the node died before commit (scripted)");
      }
    }
  }

  @Test
  void aReminderWhoseStepRolledBackAfterSendingIsNotSentAgainWhenRetried() {
    String key = TestIncidents.register(incidents, "Checkout fails", "outage", true);
    engine.getRepositoryService().createDeployment().addModelInstance("notify-rollback.bpmn",
        Bpmn.createExecutableProcess("test-notify-rollback").camundaHistoryTimeToLive(1)
            .startEvent()
            .serviceTask("Task_Remind").camundaAsyncBefore().camundaDelegateExpression("${notifyActionItem}")
            .camundaInputParameter("template", "action-item-reminder").camundaInputParameter("recipient", "owner")
            .serviceTask("Task_Commit").camundaClass(FailOnce.class.getName())
            .endEvent().done()).deploy();
    VariableMap vars = Variables.createVariables();
    IncidentVariables.INCIDENT_KEY.put(vars, key);
    IncidentVariables.TITLE.put(vars, "Checkout fails");
    ActionItemProcess.TITLE.put(vars, "Add retries to the payment client");
    ActionItemProcess.OWNER.put(vars, "alice");
    ActionItemProcess.DUE_DAY.put(vars, "2026-03-09");
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("test-notify-rollback", key, vars);
    Job job = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();
    FailOnce.FAILURES.set(1);

    assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
        .hasMessageContaining("died before commit");
    assertThat(mail.to(key)).hasSize(1);

    engine.getManagementService().executeJob(job.getId());
    assertThat(mail.to(key)).as("not sent twice").hasSize(1);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
  }
}
