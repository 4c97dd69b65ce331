package io.firebreak.metrics;

import static io.firebreak.metrics.ReviewProcess.Elements.COMPILE_REPORT;
import static io.firebreak.metrics.ReviewProcess.Elements.EMAIL_REPORT;
import static io.firebreak.metrics.ReviewProcess.Elements.REVIEWED;
import static io.firebreak.metrics.ReviewProcess.Elements.REVIEW_DUE;
import static io.firebreak.metrics.ReviewProcess.Elements.REVIEW_INCIDENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.MailPort.Mail;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.TestIncidents;
import io.firebreak.incident.TimelineKind;
import io.firebreak.platform.FirebreakGroups;
import io.firebreak.postmortem.PostmortemProcess;
import io.firebreak.postmortem.TestUsers;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code processes/incident-review.bpmn} end to end over a week of synthetic incidents with known
 * times: the timer starts it on Monday 2027-02-08 09:00, the report for the week before has exact
 * medians and p90s, it is emailed to leadership and leadership gets the "Review incidents" task.
 * A context of its own (a fresh database), so other tests' incidents and action items do not count.
 */
@TestPropertySource(properties = "firebreak.metrics.cache-seconds=1")
class IncidentReviewProcessTest extends ProcessTest {

  /** When the review runs: a Monday, 09:00. The period is the 7 days before. */
  private static final LocalDateTime REVIEW_AT = LocalDateTime.of(2027, 2, 8, 9, 0);

  @Autowired JdbcTemplate jdbc;

  private static java.util.Date date(LocalDateTime time) {
    return java.util.Date.from(time.atZone(ZoneId.systemDefault()).toInstant());
  }

  private void at(LocalDateTime time) {
    ClockUtil.setCurrentTime(date(time));
  }

  /** Declares at {@code declared}; acknowledged, mitigated, resolved that many minutes later (null: not yet). */
  private String incident(LocalDateTime declared, String title, String service, String type, String source,
      String severity, Integer ack, Integer mitigated, Integer resolved) {
    at(declared);
    String key = TestIncidents.declared(incidents, title, service, type, source, severity);
    incidents.addTimeline(key, TimelineKind.PAGED, "firebreak", "Paged responders");
    if (ack != null) {
      at(declared.plusMinutes(ack));
      incidents.addTimeline(key, TimelineKind.ACKNOWLEDGED, "olly.oncall", "Page acknowledged");
    }
    if (mitigated != null) {
      at(declared.plusMinutes(mitigated));
      incidents.addTimeline(key, TimelineKind.PHASE, "firebreak", "Phase: mitigated: fixed");
    }
    if (resolved != null) {
      at(declared.plusMinutes(resolved));
      TestIncidents.resolve(incidents, key);
    }
    return key;
  }

  /** A postmortem whose author is chosen after {@code choose}, written after {@code write}; reviewed after {@code review} (null: still open). */
  private void postmortem(String key, LocalDateTime start, Duration choose, Duration write, Duration review) {
    at(start);
    VariableMap vars = Variables.createVariables();
    IncidentVariables.INCIDENT_KEY.put(vars, key);
    IncidentVariables.TITLE.put(vars, "synthetic");
    IncidentVariables.INCIDENT_COMMANDER.put(vars, "ian.ic");
    engine.getRuntimeService().startProcessInstanceByKey(PostmortemProcess.KEY, key, vars);
    at(start.plus(choose));
    users("pat.author");
    complete(key, PostmortemProcess.Elements.CHOOSE_AUTHOR, Map.of(PostmortemProcess.AUTHOR.name(), "pat.author"));
    at(start.plus(choose).plus(write));
    complete(key, PostmortemProcess.Elements.WRITE_POSTMORTEM, Map.of(PostmortemProcess.CAUSE.name(), "c",
        PostmortemProcess.IMPACT.name(), "i", PostmortemProcess.STEPS_TAKEN.name(), "s",
        PostmortemProcess.PREVENTION.name(), "p", PostmortemProcess.ACTION_ITEMS.name(), ""));
    if (review != null) {
      at(start.plus(choose).plus(write).plus(review));
      complete(key, PostmortemProcess.Elements.REVIEW_POSTMORTEM, Map.of(PostmortemProcess.APPROVED.name(), true));
    }
  }

  private void actionItem(String key, String title, String owner, LocalDate due, String status) {
    jdbc.update("INSERT INTO fb_action_item (incident_key, title, owner, kind, due_date, horizon, status, created_at)"
        + " VALUES (?,?,?,?,?,?,?,CURRENT_TIMESTAMP)", key, title, owner, "prevent", Date.valueOf(due), "planning", status);
  }

  @Test
  void weeklyReviewReportsTheWeeksIncidentsWithExactFiguresEmailsLeadershipAndAsksThemToReview() {
    TestUsers.ensure(engine.getIdentityService(), "vic.vp", "vic@example.com", FirebreakGroups.LEADERSHIP);
    // Outside the period (declared before it starts): not counted.
    incident(LocalDateTime.of(2027, 2, 1, 8, 0), "Old outage", "checkout", "outage", "api", "SEV1", 1, 2, 3);
    String first = incident(LocalDateTime.of(2027, 2, 1, 10, 0), "CheckoutErrorRate high", "checkout", "outage",
        "alertmanager", "SEV1", 2, 30, 60);
    String second = incident(LocalDateTime.of(2027, 2, 2, 11, 0), "CheckoutErrorRate high", "checkout", "outage",
        "alertmanager", "SEV2", 4, 20, 90);
    incident(LocalDateTime.of(2027, 2, 3, 12, 0), "Credential stuffing", "login", "security", "api", "SEV2", 6, 45, 120);
    incident(LocalDateTime.of(2027, 2, 4, 13, 0), "Search latency", "search", "outage", "alertmanager", "SEV3", 10, 15, 30);
    // Resolved without a separate mitigation: mitigated when resolved.
    incident(LocalDateTime.of(2027, 2, 5, 14, 0), "Wrong totals", "checkout", "data", "tasklist", "SEV3", 8, null, 240);
    // Still open, acknowledged only.
    incident(LocalDateTime.of(2027, 2, 7, 20, 0), "Payments down", "payments", "outage", "pagerduty", "SEV1", 20, null, null);

    // Where incidents stall: two postmortems, one still in review when the report is compiled.
    postmortem(first, LocalDateTime.of(2027, 2, 2, 10, 0), Duration.ofHours(2), Duration.ofHours(48), null);
    postmortem(second, LocalDateTime.of(2027, 2, 3, 10, 0), Duration.ofMinutes(30), Duration.ofHours(6),
        Duration.ofHours(24));

    actionItem(first, "Add retries to the payment client", "alice", LocalDate.of(2027, 2, 5), "open");
    actionItem(first, "Alert on error rate", "bob", LocalDate.of(2027, 2, 4), "done");
    actionItem(second, "Split the payment service", "carol", LocalDate.of(2027, 3, 31), "open");

    // The timer fires on Monday 09:00.
    at(REVIEW_AT);
    Job timer = engine.getManagementService().createJobQuery().processDefinitionKey(ReviewProcess.KEY).timers()
        .singleResult();
    assertThat(timer).isNotNull();
    engine.getManagementService().executeJob(timer.getId());
    ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ReviewProcess.KEY)
        .singleResult();
    assertThat(pi.getBusinessKey()).isEqualTo("REVIEW-2027-02-08");
    assertThat(pi).hasPassedInOrder(REVIEW_DUE, COMPILE_REPORT).isWaitingAt(EMAIL_REPORT);
    // The cycle goes on: next Monday.
    assertThat(engine.getManagementService().createJobQuery().processDefinitionKey(ReviewProcess.KEY).timers()
        .singleResult().getDuedate()).isEqualTo(date(REVIEW_AT.plusDays(7)));

    assertThat(pi).variables().containsEntry(ReviewProcess.INCIDENT_COUNT.name(), 6)
        .containsEntry(IncidentVariables.TITLE.name(), "Incident review 2027-02-01 – 2027-02-08");
    String report = (String) engine.getRuntimeService().getVariable(pi.getId(), ReviewProcess.REPORT.name());
    assertThat(report).contains("6 incident(s) declared in the period.",
        "## Incidents by severity\n\n- SEV1: 2\n- SEV2: 2\n- SEV3: 2\n",
        "## Incidents by type\n\n- data: 1\n- outage: 4\n- security: 1\n",
        "## Incidents by service\n\n- checkout: 3\n- login: 1\n- payments: 1\n- search: 1\n",
        // ack [2,4,6,8,10,20]: median (6+8)/2 = 7, p90 = 6th of 6 = 20
        "| Time to acknowledge | 6 | 7 min | 20 min |",
        // mitigate [15,20,30,45,240]: median 30, p90 = 5th of 5 = 240
        "| Time to mitigate | 5 | 30 min | 4 h 00 min |",
        // resolve [30,60,90,120,240]: median 90, p90 240
        "| Time to resolve | 5 | 1 h 30 min | 4 h 00 min |",
        "## Repeat services\n\n- checkout: 3 incidents\n",
        "## Repeat alerts\n\n- CheckoutErrorRate high: 2 incidents\n",
        "## Overdue action items (1)\n\n- " + first + ": Add retries to the payment client (alice, due 2027-02-05, 3 days overdue)\n");
    // Review: one took 24 h, one is open since Thu 12:00 (93 h); write 6 h and 48 h; choose 30 min and 2 h.
    assertThat(report.lines().filter(l -> l.startsWith("| incident-")).limit(3).toList()).containsExactly(
        "| incident-postmortem | Review postmortem | 2 | 2 d 10 h | 3 d 21 h | 3 d 21 h |",
        "| incident-postmortem | Write postmortem | 2 | 1 d 3 h | 2 d 0 h | 2 d 0 h |",
        "| incident-postmortem | Choose postmortem author | 2 | 1 h 15 min | 2 h 00 min | 2 h 00 min |");

    // Emailed to leadership, with the report.
    runDueJobs("REVIEW-2027-02-08");
    List<Mail> sent = mail.to("REVIEW-2027-02-08");
    assertThat(sent).singleElement().satisfies(m -> {
      assertThat(m.to()).contains("vic@example.com");
      assertThat(m.subject()).isEqualTo("Incident review 2027-02-01 – 2027-02-08: 6 incident(s)");
      assertThat(m.text()).contains("| Time to resolve | 5 | 1 h 30 min | 4 h 00 min |");
      assertThat(m.html()).contains("<pre", "| Time to resolve | 5 | 1 h 30 min | 4 h 00 min |");
    });

    // Leadership reviews with the report in the task.
    assertThat(pi).hasPassed(EMAIL_REPORT).isWaitingAt(REVIEW_INCIDENTS);
    Task review = task("REVIEW-2027-02-08", REVIEW_INCIDENTS);
    assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly(FirebreakGroups.LEADERSHIP);
    assertThat(engine.getTaskService().getVariable(review.getId(), ReviewProcess.REPORT.name())).isEqualTo(report);
    engine.getTaskService().complete(review.getId(), Map.of(ReviewProcess.NOTES.name(),
        "Checkout keeps failing: fund the payment client work this quarter"));
    assertThat(pi).hasPassedInOrder(REVIEW_DUE, COMPILE_REPORT, EMAIL_REPORT, REVIEW_INCIDENTS, REVIEWED).isEnded();
  }
}
