package io.firebreak.postmortem;

import static io.firebreak.incident.IncidentVariables.INCIDENT_COMMANDER;
import static io.firebreak.incident.IncidentVariables.INCIDENT_KEY;
import static io.firebreak.incident.IncidentVariables.INCIDENT_TYPE;
import static io.firebreak.incident.IncidentVariables.POSTMORTEM_REQUIRED;
import static io.firebreak.incident.IncidentVariables.SEVERITY;
import static io.firebreak.incident.IncidentVariables.TITLE;
import static io.firebreak.postmortem.PostmortemProcess.ACTION_ITEMS;
import static io.firebreak.postmortem.PostmortemProcess.ACTION_ITEMS_DUE_SOON_COUNT;
import static io.firebreak.postmortem.PostmortemProcess.ACTION_ITEM_DUE;
import static io.firebreak.postmortem.PostmortemProcess.ACTION_ITEM_OUTCOME;
import static io.firebreak.postmortem.PostmortemProcess.ACTION_ITEM_TITLE;
import static io.firebreak.postmortem.PostmortemProcess.APPROVED;
import static io.firebreak.postmortem.PostmortemProcess.AUTHOR;
import static io.firebreak.postmortem.PostmortemProcess.CAUSE;
import static io.firebreak.postmortem.PostmortemProcess.Elements.ACTION_ITEMS_DUE_SOON;
import static io.firebreak.postmortem.PostmortemProcess.Elements.CHOOSE_AUTHOR;
import static io.firebreak.postmortem.PostmortemProcess.Elements.COMPLETE_ACTION_ITEM;
import static io.firebreak.postmortem.PostmortemProcess.Elements.PLAN_ACTION_ITEMS;
import static io.firebreak.postmortem.PostmortemProcess.Elements.POSTMORTEM_APPROVED;
import static io.firebreak.postmortem.PostmortemProcess.Elements.POSTMORTEM_REVIEWED;
import static io.firebreak.postmortem.PostmortemProcess.Elements.POSTMORTEM_STARTED;
import static io.firebreak.postmortem.PostmortemProcess.Elements.REVIEW_POSTMORTEM;
import static io.firebreak.postmortem.PostmortemProcess.Elements.WRITE_POSTMORTEM;
import static io.firebreak.postmortem.PostmortemProcess.IMPACT;
import static io.firebreak.postmortem.PostmortemProcess.PREVENTION;
import static io.firebreak.postmortem.PostmortemProcess.REVIEW_COMMENTS;
import static io.firebreak.postmortem.PostmortemProcess.STEPS_TAKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.incident.TestIncidents;
import io.firebreak.security.FirebreakGroups;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code processes/incident-postmortem.bpmn}, started alone as {@code CallActivity_ConductPostmortem}
 * starts it: the incident key as business key and every variable of the resolved incident.
 */
class IncidentPostmortemProcessTest extends ProcessTest {

  private static final String IC = "ian.ic";
  private static final String AUTHOR_ID = "pat.author";
  /** A Wednesday: five working days later is Wednesday 2026-03-11. */
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 4, 10, 0);

  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void fixTheClock() {
    ClockUtil.setCurrentTime(date(NOW));
  }

  private static Date date(LocalDateTime time) {
    return Date.from(time.atZone(ZoneId.systemDefault()).toInstant());
  }

  private ProcessInstance startPostmortem() {
    String key = TestIncidents.register(incidents, "Checkout fails", "outage", true);
    TestIncidents.classify(incidents, key, "SEV1");
    VariableMap vars = Variables.createVariables();
    INCIDENT_KEY.put(vars, key);
    TITLE.put(vars, "Checkout fails");
    INCIDENT_TYPE.put(vars, "outage");
    SEVERITY.put(vars, "SEV1");
    POSTMORTEM_REQUIRED.put(vars, true);
    INCIDENT_COMMANDER.put(vars, IC);
    return engine.getRuntimeService().startProcessInstanceByKey(PostmortemProcess.KEY, key, vars);
  }

  private static VariableMap draft(String actionItems) {
    VariableMap vars = Variables.createVariables();
    CAUSE.put(vars, "Release 42 shipped a payment client without retries");
    IMPACT.put(vars, "12% of checkouts failed for 38 minutes");
    STEPS_TAKEN.put(vars, "Rolled back to release 41");
    PREVENTION.put(vars, "Canary payments before full rollout");
    ACTION_ITEMS.put(vars, actionItems);
    return vars;
  }

  private void chooseAuthor(String key) {
    assertThat(task(key, CHOOSE_AUTHOR).getAssignee()).isEqualTo(IC);
    complete(key, CHOOSE_AUTHOR, Map.of(AUTHOR.name(), AUTHOR_ID));
  }

  private void review(String key, boolean approved, String comments) {
    Task review = task(key, REVIEW_POSTMORTEM);
    assertThat(review.getAssignee()).isNull();
    assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly(FirebreakGroups.LEADERSHIP);
    complete(key, REVIEW_POSTMORTEM, Map.of(APPROVED.name(), approved, REVIEW_COMMENTS.name(), comments));
  }

  private List<Map<String, Object>> actionItems(String key) {
    return jdbc.queryForList(
        "SELECT title, owner, due_date, horizon FROM fb_action_item WHERE incident_key = ? ORDER BY id", key);
  }

  @Test
  void postmortemApprovedFirstTimeWithoutActionItemsEndsWithoutTasks() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();

    assertThat(pi).isWaitingAt(CHOOSE_AUTHOR);
    chooseAuthor(key);
    assertThat(task(key, WRITE_POSTMORTEM).getAssignee()).isEqualTo(AUTHOR_ID);
    complete(key, WRITE_POSTMORTEM, draft(""));
    review(key, true, "Clear and blameless");

    assertThat(pi).hasPassedInOrder(POSTMORTEM_STARTED, CHOOSE_AUTHOR, WRITE_POSTMORTEM, REVIEW_POSTMORTEM,
        POSTMORTEM_APPROVED, PLAN_ACTION_ITEMS, ACTION_ITEMS_DUE_SOON, POSTMORTEM_REVIEWED)
        .hasNotPassed(COMPLETE_ACTION_ITEM).isEnded();
    assertThat(pi).variables().containsEntry(ACTION_ITEMS_DUE_SOON_COUNT.name(), 0);
    assertThat(actionItems(key)).isEmpty();
    assertThat(timelineTexts(key)).contains(
        "Postmortem reviewed: 0 action item(s) due by 2026-03-11 assigned as tasks, 0 for planning");
    assertThat(tasks(key)).isEmpty();
  }

  @Test
  void postmortemReturnedForReworkGoesBackToTheAuthorUntilApproved() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();
    chooseAuthor(key);
    complete(key, WRITE_POSTMORTEM, draft(""));

    review(key, false, "Impact lacks numbers of affected customers");

    assertThat(pi).isWaitingAt(WRITE_POSTMORTEM);
    Task rework = task(key, WRITE_POSTMORTEM);
    assertThat(rework.getAssignee()).isEqualTo(AUTHOR_ID);
    assertThat(pi).variables().containsEntry(REVIEW_COMMENTS.name(), "Impact lacks numbers of affected customers")
        .containsEntry(APPROVED.name(), false);

    VariableMap reworked = draft("");
    IMPACT.put(reworked, "12% of checkouts (about 4,100 customers) failed for 38 minutes");
    complete(key, WRITE_POSTMORTEM, reworked);
    review(key, true, "Thanks");

    assertThat(pi).hasPassedInOrder(WRITE_POSTMORTEM, REVIEW_POSTMORTEM, WRITE_POSTMORTEM, REVIEW_POSTMORTEM,
        PLAN_ACTION_ITEMS, POSTMORTEM_REVIEWED).isEnded();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(WRITE_POSTMORTEM).count()).isEqualTo(2);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(REVIEW_POSTMORTEM).count()).isEqualTo(2);
    assertThat(pi).variables().containsEntry(IMPACT.name(), "12% of checkouts (about 4,100 customers) failed for 38 minutes");
  }

  @Test
  void actionItemsDueWithinFiveWorkingDaysBecomeAssignedTasksAndLaterOnesGoToPlanning() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();
    chooseAuthor(key);
    complete(key, WRITE_POSTMORTEM, draft("""
        Add retries to the payment client | alice | 2026-03-06
        Alert on checkout error rate | bob | 2026-03-11

        Split the payment service | carol | 2026-03-12
        """));
    review(key, true, "Good");

    assertThat(pi).isWaitingAt(COMPLETE_ACTION_ITEM);
    List<Task> actionTasks = tasks(key).stream().sorted(Comparator.comparing(Task::getAssignee)).toList();
    assertThat(actionTasks).extracting(Task::getTaskDefinitionKey, Task::getAssignee, Task::getDueDate)
        .containsExactly(
            tuple(COMPLETE_ACTION_ITEM, "alice", date(LocalDateTime.of(2026, 3, 6, 17, 0))),
            tuple(COMPLETE_ACTION_ITEM, "bob", date(LocalDateTime.of(2026, 3, 11, 17, 0))));
    assertThat(engine.getTaskService().getVariable(actionTasks.get(0).getId(), ACTION_ITEM_TITLE.name()))
        .isEqualTo("Add retries to the payment client");
    assertThat(engine.getTaskService().getVariable(actionTasks.get(1).getId(), ACTION_ITEM_TITLE.name()))
        .isEqualTo("Alert on checkout error rate");
    assertThat(engine.getTaskService().getVariable(actionTasks.get(1).getId(), ACTION_ITEM_DUE.name()))
        .isEqualTo("2026-03-11T17:00:00");
    assertThat(pi).variables().containsEntry(ACTION_ITEMS_DUE_SOON_COUNT.name(), 2);

    assertThat(actionItems(key)).extracting(r -> r.get("TITLE"), r -> r.get("OWNER"),
            r -> ((java.sql.Date) r.get("DUE_DATE")).toLocalDate(), r -> r.get("HORIZON"))
        .containsExactly(
            tuple("Add retries to the payment client", "alice", LocalDate.of(2026, 3, 6), "now"),
            tuple("Alert on checkout error rate", "bob", LocalDate.of(2026, 3, 11), "now"),
            tuple("Split the payment service", "carol", LocalDate.of(2026, 3, 12), "planning"));
    assertThat(timelineTexts(key)).contains("Postmortem reviewed: 2 action item(s) due by 2026-03-11 assigned as tasks,"
        + " 1 for planning: Split the payment service (carol, 2026-03-12)");

    // The parallel tasks complete in any order; the postmortem ends with the last one.
    engine.getTaskService().complete(actionTasks.get(1).getId(),
        Map.of(ACTION_ITEM_OUTCOME.name(), "Alert added to the checkout dashboard"));
    assertThat(pi).isWaitingAt(COMPLETE_ACTION_ITEM);
    engine.getTaskService().complete(actionTasks.get(0).getId(),
        Map.of(ACTION_ITEM_OUTCOME.name(), "Retries with backoff shipped in release 43"));
    assertThat(pi).hasPassedInOrder(PLAN_ACTION_ITEMS, ACTION_ITEMS_DUE_SOON, COMPLETE_ACTION_ITEM, POSTMORTEM_REVIEWED)
        .isEnded();
  }

  @Test
  void actionItemsOnlyForLaterGoToPlanningWithoutTasks() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();
    chooseAuthor(key);
    complete(key, WRITE_POSTMORTEM, draft("Split the payment service | carol | 2026-06-30"));
    review(key, true, "Good");

    assertThat(pi).hasPassed(PLAN_ACTION_ITEMS, ACTION_ITEMS_DUE_SOON, POSTMORTEM_REVIEWED)
        .hasNotPassed(COMPLETE_ACTION_ITEM).isEnded();
    assertThat(actionItems(key)).extracting(r -> r.get("OWNER"), r -> r.get("HORIZON"))
        .containsExactly(tuple("carol", "planning"));
    assertThat(tasks(key)).isEmpty();
  }

  @Test
  void malformedActionItemsAreRefusedAndTheWriteTaskStaysOpen() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();
    chooseAuthor(key);
    String writeTask = task(key, WRITE_POSTMORTEM).getId();

    assertThatThrownBy(() -> complete(key, WRITE_POSTMORTEM,
        draft("Add retries to the payment client | alice | 2026-03-06\nAlert on checkout errors, bob")))
        .hasStackTraceContaining("Action item on line 2 must read 'title | owner | YYYY-MM-DD',"
            + " not 'Alert on checkout errors, bob'");
    assertThat(pi).isWaitingAt(WRITE_POSTMORTEM);
    assertThat(task(key, WRITE_POSTMORTEM).getId()).isEqualTo(writeTask);

    assertThatThrownBy(() -> complete(key, WRITE_POSTMORTEM, draft("Alert on checkout errors | bob | next friday")))
        .hasStackTraceContaining("Action item on line 1: due date 'next friday' is not a date like 2026-12-01");
    assertThat(task(key, WRITE_POSTMORTEM).getId()).isEqualTo(writeTask);
    // Nothing of the refused drafts was kept or planned.
    assertThat(engine.getRuntimeService().getVariable(pi.getId(), ACTION_ITEMS.name())).isNull();
    assertThat(actionItems(key)).isEmpty();

    complete(key, WRITE_POSTMORTEM, draft("Alert on checkout errors | bob | 2026-03-10"));
    assertThat(pi).isWaitingAt(REVIEW_POSTMORTEM);
  }
}
