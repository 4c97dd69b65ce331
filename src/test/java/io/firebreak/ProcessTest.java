package io.firebreak;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.comms.RecordingChat;
import io.firebreak.comms.RecordingMail;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.oncall.RecordingPaging;
import io.firebreak.statuspage.RecordingStatusPage;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Base of the process tests: the real engine, real delegates and the real read model on an
 * in-memory H2, with recording doubles for Slack, email, paging and the status page. No job
 * executor: tests run jobs and move the engine clock themselves. Coverage of every flow node is
 * recorded by camunda-process-test-coverage and checked per process by {@code ProcessCoverageGateIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
@Import({TestPorts.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class ProcessTest {

  @Autowired protected ProcessEngine engine;
  @Autowired protected IncidentRepository incidents;
  @Autowired protected RecordingChat chat;
  @Autowired protected RecordingMail mail;
  @Autowired protected RecordingPaging paging;
  @Autowired protected RecordingStatusPage statusPage;

  @BeforeEach
  void initProcessTest() {
    BpmnAwareTests.init(engine);
    ClockUtil.reset();
    chat.clear();
    mail.clear();
    paging.clear();
    statusPage.clear();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** Camunda users with the address {@code <id>@example.com}, as Slack invitations and pages need. */
  protected void users(String... ids) {
    var identity = engine.getIdentityService();
    for (String id : ids) {
      if (identity.createUserQuery().userId(id).count() == 0) {
        var user = identity.newUser(id);
        user.setEmail(id + "@example.com");
        identity.saveUser(user);
      }
    }
  }

  /** Moves the engine clock forward. */
  protected void advance(Duration duration) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
  }

  /** Runs every job of this incident that is due now, repeatedly, until none is left (bounded). */
  protected int runDueJobs(String incidentKey) {
    int ran = 0;
    for (int round = 0; round < 100; round++) {
      List<Job> due = dueJobs(incidentKey);
      if (due.isEmpty()) {
        return ran;
      }
      for (Job job : due) {
        engine.getManagementService().executeJob(job.getId());
        ran++;
      }
    }
    throw new IllegalStateException("jobs of " + incidentKey + " keep coming; a loop in the model?");
  }

  /** Jobs of any process instance of this incident (the called phases included) that are due now. */
  protected List<Job> dueJobs(String incidentKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(incidentKey).list()
        .stream()
        .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
            .executable().active().list().stream())
        .toList();
  }

  /** The one open task of this incident with this element id. */
  protected Task task(String incidentKey, String taskDefinitionKey) {
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(incidentKey)
        .taskDefinitionKey(taskDefinitionKey).list();
    assertThat(tasks).as("open %s tasks of %s", taskDefinitionKey, incidentKey).hasSize(1);
    return tasks.get(0);
  }

  protected List<Task> tasks(String incidentKey) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(incidentKey).list();
  }

  protected void complete(String incidentKey, String taskDefinitionKey, Map<String, Object> variables) {
    engine.getTaskService().complete(task(incidentKey, taskDefinitionKey).getId(), variables);
  }

  /** The process instance of a process key (main or a called phase) of this incident, running or ended. */
  protected ProcessInstance instance(String incidentKey, String processKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(incidentKey)
        .processDefinitionKey(processKey).singleResult();
  }

  protected List<String> timelineKinds(String incidentKey) {
    return incidents.timeline(incidentKey).stream().map(TimelineEntry::kind).toList();
  }

  protected List<String> timelineTexts(String incidentKey) {
    return incidents.timeline(incidentKey).stream().map(TimelineEntry::text).toList();
  }
}
