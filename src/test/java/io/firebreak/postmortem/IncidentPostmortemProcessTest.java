package io.firebreak.postmortem;

import static io.firebreak.incident.IncidentVariables.CHANNEL_NAME;
import static io.firebreak.incident.IncidentVariables.INCIDENT_COMMANDER;
import static io.firebreak.incident.IncidentVariables.INCIDENT_KEY;
import static io.firebreak.incident.IncidentVariables.INCIDENT_TYPE;
import static io.firebreak.incident.IncidentVariables.POSTMORTEM_REQUIRED;
import static io.firebreak.incident.IncidentVariables.SEVERITY;
import static io.firebreak.incident.IncidentVariables.TITLE;
import static io.firebreak.postmortem.PostmortemProcess.ACTION_ITEMS;
import static io.firebreak.postmortem.PostmortemProcess.ACTION_ITEMS_DUE_SOON_COUNT;
import static io.firebreak.postmortem.PostmortemProcess.APPROVED;
import static io.firebreak.postmortem.PostmortemProcess.AUTHOR;
import static io.firebreak.postmortem.PostmortemProcess.CAUSE;
import static io.firebreak.postmortem.PostmortemProcess.Elements.ACTION_ITEMS_DUE_SOON;
import static io.firebreak.postmortem.PostmortemProcess.Elements.CHOOSE_AUTHOR;
import static io.firebreak.postmortem.PostmortemProcess.Elements.PLAN_ACTION_ITEMS;
import static io.firebreak.postmortem.PostmortemProcess.Elements.POSTMORTEM_APPROVED;
import static io.firebreak.postmortem.PostmortemProcess.Elements.POSTMORTEM_REVIEWED;
import static io.firebreak.postmortem.PostmortemProcess.Elements.POSTMORTEM_STARTED;
import static io.firebreak.postmortem.PostmortemProcess.Elements.PREFILL_POSTMORTEM;
import static io.firebreak.postmortem.PostmortemProcess.Elements.RENDER_POSTMORTEM;
import static io.firebreak.postmortem.PostmortemProcess.Elements.REVIEW_POSTMORTEM;
import static io.firebreak.postmortem.PostmortemProcess.Elements.SHARE_POSTMORTEM;
import static io.firebreak.postmortem.PostmortemProcess.Elements.START_ACTION_ITEMS;
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
import io.firebreak.comms.RecordingChat.Call;
import io.firebreak.incident.TestIncidents;
import io.firebreak.platform.FirebreakGroups;
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

/**
 * {@code processes/incident-postmortem.bpmn}, started alone as {@code CallActivity_ConductPostmortem}
 * starts it: the incident key as business key and every variable of the resolved incident.
 */
class IncidentPostmortemProcessTest extends ProcessTest {

  @org.springframework.beans.factory.annotation.Autowired PostmortemDocument document;

  private static final String IC = "ian.ic";
  private static final String AUTHOR_ID = "pat.author";
  private static final String CHANNEL = "inc-checkout-fails";
  /**
   * A Friday: five working days later, across the weekend, is Friday 2026-03-13; Saturday
   * 2026-03-14 and later go to planning.
   */
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 6, 10, 0);

  @BeforeEach
  void fixTheClockAndUsers() {
    ClockUtil.setCurrentTime(date(NOW));
    for (String owner : List.of(AUTHOR_ID, "alice", "bob", "carol", "dave")) {
      TestUsers.ensure(engine.getIdentityService(), owner, owner + "@example.com");
    }
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
    CHANNEL_NAME.put(vars, CHANNEL);
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
    return engine.getProcessEngineConfiguration().getDataSource() == null ? List.of()
        : new org.springframework.jdbc.core.JdbcTemplate(engine.getProcessEngineConfiguration().getDataSource())
            .queryForList("SELECT title, owner, kind, due_date, horizon, status, process_instance_id"
                + " FROM fb_action_item WHERE incident_key = ? ORDER BY id", key);
  }

  @Test
  void postmortemApprovedFirstTimeIsSharedInTheChannelAndEndsWithoutActionItems() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();

    assertThat(pi).isWaitingAt(CHOOSE_AUTHOR);
    chooseAuthor(key);
    // The author's form gets the draft prefilled from history and the link to the whole document.
    Task write = task(key, WRITE_POSTMORTEM);
    assertThat(write.getAssignee()).isEqualTo(AUTHOR_ID);
    assertThat((String) engine.getTaskService().getVariable(write.getId(), PostmortemProcess.URL.name()))
        .isEqualTo("http://localhost:8080/api/incidents/" + key + "/postmortem.md");
    assertThat((String) engine.getTaskService().getVariable(write.getId(), PostmortemProcess.MARKDOWN.name()))
        .startsWith("# Postmortem " + key + ": Checkout fails")
        .contains("## Cause and contributing factors\n\n_Not written yet._");
    complete(key, WRITE_POSTMORTEM, draft(""));
    // The reviewer's form gets the rendered document with the author's sections.
    assertThat((String) engine.getTaskService().getVariable(task(key, REVIEW_POSTMORTEM).getId(),
        PostmortemProcess.MARKDOWN.name()))
        .contains("## Cause and contributing factors\n\nRelease 42 shipped a payment client without retries");
    review(key, true, "Clear and blameless");

    assertThat(pi).isWaitingAt(SHARE_POSTMORTEM);
    runDueJobs(key);
    assertThat(pi).hasPassedInOrder(POSTMORTEM_STARTED, CHOOSE_AUTHOR, PREFILL_POSTMORTEM, WRITE_POSTMORTEM,
        RENDER_POSTMORTEM, REVIEW_POSTMORTEM, POSTMORTEM_APPROVED, PLAN_ACTION_ITEMS, SHARE_POSTMORTEM,
        ACTION_ITEMS_DUE_SOON, POSTMORTEM_REVIEWED)
        .hasNotPassed(START_ACTION_ITEMS).isEnded();
    assertThat(chat.posts(CHANNEL)).extracting(Call::detail).singleElement().asString()
        .contains("*Postmortem of " + key + " reviewed*: Checkout fails",
            "http://localhost:8080/api/incidents/" + key + "/postmortem.md");
    assertThat(pi).variables().containsEntry(ACTION_ITEMS_DUE_SOON_COUNT.name(), 0);
    assertThat(actionItems(key)).isEmpty();
    assertThat(timelineTexts(key)).contains(
        "Postmortem reviewed: 0 action item(s) due by 2026-03-13 assigned as tasks, 0 for planning");
    assertThat(tasks(key)).isEmpty();
  }

  @Test
  void anApprovalAfterReworkNamesTheReviewerAndNotTheEarlierReviewsComment() {
    TestUsers.ensure(engine.getIdentityService(), "lena.lead", "lena@example.com", FirebreakGroups.LEADERSHIP);
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();
    chooseAuthor(key);
    complete(key, WRITE_POSTMORTEM, draft(""));
    advance(java.time.Duration.ofMinutes(10));
    review(key, false, "Impact lacks numbers of affected customers");
    advance(java.time.Duration.ofMinutes(10));
    complete(key, WRITE_POSTMORTEM, draft(""));
    advance(java.time.Duration.ofMinutes(10));
    Task approval = task(key, REVIEW_POSTMORTEM);
    engine.getTaskService().setAssignee(approval.getId(), "lena.lead");
    // The form leaves an empty comment out: the variable still holds the rejection's comment.
    engine.getTaskService().complete(approval.getId(), Map.of(APPROVED.name(), true));
    runDueJobs(key);

    String review = document.render(key).split("## Review", 2)[1];
    assertThat(review).contains("Approved by engineering leadership (lena.lead).")
        .doesNotContain("Impact lacks numbers");
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
    assertThat((String) engine.getRuntimeService().getVariable(pi.getId(), PostmortemProcess.MARKDOWN.name()))
        .contains("## Impact\n\n12% of checkouts (about 4,100 customers) failed for 38 minutes");
    review(key, true, "Thanks");
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(WRITE_POSTMORTEM, REVIEW_POSTMORTEM, WRITE_POSTMORTEM, REVIEW_POSTMORTEM,
        PLAN_ACTION_ITEMS, POSTMORTEM_REVIEWED).isEnded();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(WRITE_POSTMORTEM).count()).isEqualTo(2);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(REVIEW_POSTMORTEM).count()).isEqualTo(2);
  }

  @Test
  void actionItemsDueWithinFiveWorkingDaysAcrossTheWeekendAreAssignedAndLaterOnesGoToPlanning() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();
    chooseAuthor(key);
    complete(key, WRITE_POSTMORTEM, draft("""
        Add retries to the payment client | alice | 2026-03-09 | prevent
        Alert on checkout error rate | bob | 2026-03-13 | detect

        Split the payment service | carol | 2026-03-14 | prevent
        Run a payments game day | dave | 2026-03-16
        """));
    review(key, true, "Good");
    runDueJobs(key);

    // The postmortem (and with it the incident) is done; the items live on in their own processes.
    assertThat(pi).hasPassedInOrder(PLAN_ACTION_ITEMS, SHARE_POSTMORTEM, ACTION_ITEMS_DUE_SOON, START_ACTION_ITEMS,
        POSTMORTEM_REVIEWED).isEnded();
    assertThat(pi).variables().containsEntry(ACTION_ITEMS_DUE_SOON_COUNT.name(), 2);
    List<Task> actionTasks = tasks(key).stream().sorted(Comparator.comparing(Task::getAssignee)).toList();
    assertThat(actionTasks).extracting(Task::getTaskDefinitionKey, Task::getAssignee, Task::getDueDate, Task::getFollowUpDate)
        .containsExactly(
            // Reminder one working day before: Friday 09:00 has passed, so at once.
            tuple(ActionItemProcess.Elements.COMPLETE_ACTION_ITEM, "alice", date(LocalDateTime.of(2026, 3, 9, 17, 0)),
                date(NOW)),
            tuple(ActionItemProcess.Elements.COMPLETE_ACTION_ITEM, "bob", date(LocalDateTime.of(2026, 3, 13, 17, 0)),
                date(LocalDateTime.of(2026, 3, 12, 9, 0))));
    assertThat(actionTasks).allSatisfy(t -> assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(t.getProcessInstanceId()).singleResult())
        .satisfies(p -> {
          assertThat(p.getBusinessKey()).isEqualTo(key);
          assertThat(p.getProcessDefinitionId()).startsWith(ActionItemProcess.KEY + ":");
        }));
    assertThat(engine.getTaskService().getVariable(actionTasks.get(0).getId(), ActionItemProcess.TITLE.name()))
        .isEqualTo("Add retries to the payment client");
    assertThat(engine.getTaskService().getVariable(actionTasks.get(1).getId(), ActionItemProcess.KIND.name()))
        .isEqualTo("detect");
    assertThat(engine.getTaskService().getVariable(actionTasks.get(1).getId(), TITLE.name()))
        .isEqualTo("Checkout fails");

    assertThat(actionItems(key)).extracting(r -> r.get("TITLE"), r -> r.get("OWNER"), r -> r.get("KIND"),
            r -> ((java.sql.Date) r.get("DUE_DATE")).toLocalDate(), r -> r.get("HORIZON"), r -> r.get("STATUS"))
        .containsExactly(
            tuple("Add retries to the payment client", "alice", "prevent", LocalDate.of(2026, 3, 9), "now", "open"),
            tuple("Alert on checkout error rate", "bob", "detect", LocalDate.of(2026, 3, 13), "now", "open"),
            tuple("Split the payment service", "carol", "prevent", LocalDate.of(2026, 3, 14), "planning", "open"),
            tuple("Run a payments game day", "dave", "other", LocalDate.of(2026, 3, 16), "planning", "open"));
    assertThat(actionItems(key)).extracting(r -> r.get("PROCESS_INSTANCE_ID") != null)
        .containsExactly(true, true, false, false);
    assertThat(timelineTexts(key)).contains("Postmortem reviewed: 2 action item(s) due by 2026-03-13 assigned as tasks,"
        + " 2 for planning: Split the payment service (carol, 2026-03-14); Run a payments game day (dave, 2026-03-16)");
  }

  @Test
  void malformedActionItemsAreRefusedAndTheWriteTaskStaysOpen() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();
    chooseAuthor(key);
    String writeTask = task(key, WRITE_POSTMORTEM).getId();

    assertThatThrownBy(() -> complete(key, WRITE_POSTMORTEM,
        draft("Add retries to the payment client | alice | 2026-03-06\nAlert on checkout errors, bob")))
        .hasStackTraceContaining("Action item on line 2 must read 'title | owner | YYYY-MM-DD' or"
            + " 'title | owner | YYYY-MM-DD | kind', not 'Alert on checkout errors, bob'");
    assertThat(pi).isWaitingAt(WRITE_POSTMORTEM);
    assertThat(task(key, WRITE_POSTMORTEM).getId()).isEqualTo(writeTask);

    assertThatThrownBy(() -> complete(key, WRITE_POSTMORTEM, draft("Alert on checkout errors | bob | next friday")))
        .hasStackTraceContaining("Action item on line 1: due date 'next friday' is not a date like 2026-12-01");
    assertThatThrownBy(() -> complete(key, WRITE_POSTMORTEM, draft("Alert on checkout errors | bob | 2026-03-10 | blame")))
        .hasStackTraceContaining("Action item on line 1: kind 'blame' is not one of prevent, detect, mitigate, process, other");
    assertThatThrownBy(() -> complete(key, WRITE_POSTMORTEM, draft("Alert on checkout errors | nobody.known | 2026-03-10")))
        .hasStackTraceContaining("Action item 1 (Alert on checkout errors): owner 'nobody.known' is not a Firebreak"
            + " user; choose the owner from the list.");
    assertThat(task(key, WRITE_POSTMORTEM).getId()).isEqualTo(writeTask);
    // Nothing of the refused drafts was kept or planned.
    assertThat(engine.getRuntimeService().getVariable(pi.getId(), ACTION_ITEMS.name())).isNull();
    assertThat(actionItems(key)).isEmpty();

    complete(key, WRITE_POSTMORTEM, draft("Alert on checkout errors | bob | 2026-03-10"));
    assertThat(pi).isWaitingAt(REVIEW_POSTMORTEM);
  }

  /** The form's repeating group: rows become the action-item lines the planning reads; empty rows are no item. */
  @Test
  void actionItemRowsFromTheFormArePlannedLikeLines() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();
    chooseAuthor(key);
    assertThat(userOptions(task(key, WRITE_POSTMORTEM).getId())).contains("alice", "bob", AUTHOR_ID);

    VariableMap form = draft(null);
    form.remove(ACTION_ITEMS.name());
    form.putValue(PostmortemProcess.ACTION_ITEM_ROWS, org.camunda.spin.plugin.variable.SpinValues.jsonValue("""
        [{"title": "Add retries to the payment client", "owner": "alice", "due": "2026-03-09", "kind": "prevent"},
         {"title": "", "owner": null, "due": null, "kind": "other"},
         {"title": "Split the payment service", "owner": "carol", "due": "2026-03-14"}]""").create());
    complete(key, WRITE_POSTMORTEM, form);
    assertThat(engine.getRuntimeService().getVariable(pi.getId(), ACTION_ITEMS.name())).isEqualTo("""
        Add retries to the payment client | alice | 2026-03-09 | prevent
        Split the payment service | carol | 2026-03-14 | other
        """);
    review(key, true, "Good");
    assertThat(actionItems(key)).extracting(r -> r.get("TITLE"))
        .containsExactly("Add retries to the payment client", "Split the payment service");
  }

  @Test
  void actionItemRowsWithAnUnknownOwnerOrNoDateAreRefusedNamingTheItem() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();
    chooseAuthor(key);
    VariableMap form = draft(null);
    form.putValue(PostmortemProcess.ACTION_ITEM_ROWS, org.camunda.spin.plugin.variable.SpinValues.jsonValue(
        "[{\"title\": \"Add retries\", \"owner\": \"nobody.known\", \"due\": \"2026-03-09\"}]").create());
    assertThatThrownBy(() -> complete(key, WRITE_POSTMORTEM, form)).hasStackTraceContaining(
        "Action item 1 (Add retries): owner 'nobody.known' is not a Firebreak user; choose the owner from the list.");
    form.putValue(PostmortemProcess.ACTION_ITEM_ROWS, org.camunda.spin.plugin.variable.SpinValues.jsonValue(
        "[{\"title\": \"Add retries\", \"owner\": \"alice\", \"due\": \"\"}]").create());
    assertThatThrownBy(() -> complete(key, WRITE_POSTMORTEM, form)).hasStackTraceContaining(
        "Action item 1 (Add retries): the due date '' is not a date like 2026-12-01; pick one in the calendar.");
    assertThat(pi).isWaitingAt(WRITE_POSTMORTEM);
  }

  @Test
  void anAuthorWhoIsNotAUserIsRefused() {
    ProcessInstance pi = startPostmortem();
    String key = pi.getBusinessKey();
    assertThat(userOptions(task(key, CHOOSE_AUTHOR).getId())).contains(AUTHOR_ID);
    assertThatThrownBy(() -> complete(key, CHOOSE_AUTHOR, Map.of(AUTHOR.name(), "pat.nobody")))
        .hasStackTraceContaining("Author: 'pat.nobody' is not a Firebreak user; choose someone from the list.");
    assertThat(pi).isWaitingAt(CHOOSE_AUTHOR);
  }

  /** The values of the task's {@code userOptions} (the selects' valuesKey). */
  private List<String> userOptions(String taskId) {
    org.camunda.spin.json.SpinJsonNode options = (org.camunda.spin.json.SpinJsonNode)
        engine.getTaskService().getVariable(taskId, PostmortemProcess.USER_OPTIONS);
    return options.elements().stream().map(o -> o.prop("value").stringValue()).toList();
  }
}
