package io.firebreak.platform;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code engine}: DOWN when the engine cannot read its own
 * database (one small query on {@code ACT_GE_PROPERTY}) or when this node's job executor is not
 * running although it is configured to (then no step, timer or retry would run here). A load
 * balancer or Kubernetes takes the node out of service; the other nodes carry on. With
 * {@code camunda.bpm.job-execution.enabled=false} (a node that only serves requests) a stopped job
 * executor is what was asked for, and the node is UP.
 */
@Component("engine")
class EngineHealth implements HealthIndicator {

  private final ProcessEngine engine;
  private final boolean jobExecutionEnabled;

  EngineHealth(ProcessEngine engine, @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecutionEnabled) {
    this.engine = engine;
    this.jobExecutionEnabled = jobExecutionEnabled;
  }

  @Override
  public Health health() {
    try {
      // As Firebreak: a logged-in caller's authorizations (not camunda-admin) would refuse the read.
      AsFirebreak.call(engine.getIdentityService(), () -> engine.getManagementService().getProperties());
    } catch (RuntimeException e) {
      return Health.down().withDetail("database", "unreachable").build();
    }
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    boolean active = jobExecutor != null && jobExecutor.isActive();
    if (jobExecutionEnabled && !active) {
      return Health.down().withDetail("jobExecutor", "not active").build();
    }
    return Health.up().withDetail("jobExecutor", active ? "active" : "disabled by configuration").build();
  }
}
