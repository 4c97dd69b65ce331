package io.firebreak.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.ProcessTest;
import java.util.List;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine gauges: the job backlog ({@code firebreak_jobs_due}: due, active, retries left), failed
 * jobs ({@code firebreak_jobs_failed}) and open Camunda incidents ({@code firebreak_camunda_incidents_open}).
 * No job executor here, so due jobs stay due until the test says otherwise.
 */
class EngineGaugesTest extends ProcessTest {

  @Autowired ResponseHistory history;

  @Test
  void dueJobsFailedJobsAndCamundaIncidentsAreCounted() {
    IncidentMetrics metrics = new IncidentMetrics(history, engine.getManagementService(), engine.getRuntimeService(),
        new MetricsProperties(0));
    IncidentMetrics.Snapshot before = metrics.snapshot();
    Deployment probe = engine.getRepositoryService().createDeployment().name("backlog-probe")
        .addModelInstance("backlog-probe.bpmn", Bpmn.createExecutableProcess("backlog-probe")
            .camundaHistoryTimeToLive(1).startEvent().serviceTask("Task_Probe").camundaAsyncBefore()
            .camundaExpression("${true}").endEvent().done())
        .deploy();
    try {
      for (int i = 0; i < 3; i++) {
        engine.getRuntimeService().startProcessInstanceByKey("backlog-probe");
      }
      List<Job> jobs = engine.getManagementService().createJobQuery().processDefinitionKey("backlog-probe").list();
      assertThat(metrics.snapshot().dueJobs() - before.dueJobs()).isEqualTo(3);

      engine.getManagementService().setJobRetries(jobs.get(0).getId(), 0);
      engine.getManagementService().suspendJobById(jobs.get(1).getId());
      IncidentMetrics.Snapshot after = metrics.snapshot();
      assertThat(after.dueJobs() - before.dueJobs()).as("neither the failed nor the suspended job").isEqualTo(1);
      assertThat(after.failedJobs() - before.failedJobs()).isEqualTo(1);
      assertThat(after.camundaIncidents() - before.camundaIncidents()).isEqualTo(1);

      engine.getManagementService().executeJob(jobs.get(2).getId());
      assertThat(metrics.snapshot().dueJobs() - before.dueJobs()).isZero();
    } finally {
      engine.getRepositoryService().deleteDeployment(probe.getId(), true);
    }
  }
}
