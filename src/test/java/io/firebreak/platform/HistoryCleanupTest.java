package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.ProcessTest;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

/**
 * History does not grow for ever: every deployed process and decision has a history time to live
 * (the engine refuses models without one: {@code enforceHistoryTimeToLive}), the cleanup runs in a
 * nightly window, and a finished instance whose time is up is removed by the cleanup job.
 */
class HistoryCleanupTest extends ProcessTest {

  @Test
  void everyShippedProcessAndDecisionHasAHistoryTimeToLive() {
    List<ProcessDefinition> processes = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list();
    List<DecisionDefinition> decisions = engine.getRepositoryService().createDecisionDefinitionQuery().latestVersion().list();
    assertThat(processes).extracting(ProcessDefinition::getKey).contains("incident", "incident-declaration", "action-item");
    assertThat(decisions).extracting(DecisionDefinition::getKey).contains("incident-severity", "response-plan");
    assertThat(processes).allSatisfy(p -> assertThat(p.getHistoryTimeToLive()).as(p.getKey()).isNotNull().isPositive());
    assertThat(decisions).allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isNotNull().isPositive());
  }

  @Test
  void theCleanupRunsInItsNightlyWindowAndRemovesHistoryWhoseTimeIsUp() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    List<Job> scheduled = engine.getHistoryService().findHistoryCleanupJobs();
    assertThat(scheduled).as("the cleanup job is scheduled at start").isNotEmpty();

    // A process whose history is kept for 0 days, next to one kept for 180 like the shipped ones.
    Deployment probe = engine.getRepositoryService().createDeployment().name("history-cleanup-probe")
        .addModelInstance("history-cleanup-probe.bpmn", Bpmn.createExecutableProcess("history-cleanup-probe")
            .camundaHistoryTimeToLive(0).startEvent().endEvent().done())
        .addModelInstance("history-kept-probe.bpmn", Bpmn.createExecutableProcess("history-kept-probe")
            .camundaHistoryTimeToLive(180).startEvent().endEvent().done())
        .deploy();
    try {
      String ended = engine.getRuntimeService().startProcessInstanceByKey("history-cleanup-probe").getId();
      String kept = engine.getRuntimeService().startProcessInstanceByKey("history-kept-probe").getId();
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(ended).count()).isOne();

      ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 60_000));
      Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
      engine.getManagementService().executeJob(cleanup.getId());

      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(ended).count())
          .as("history past its time to live").isZero();
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(kept).count())
          .as("history still within its time to live").isOne();
    } finally {
      ClockUtil.reset();
      engine.getRepositoryService().deleteDeployment(probe.getId(), true);
    }
  }
}
