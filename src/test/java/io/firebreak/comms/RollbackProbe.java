package io.firebreak.comms;

import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Bean {@code rollbackProbe} for test models: {@code ${rollbackProbe.failOnce(execution)}} after
 * a send makes the job's transaction roll back after Slack or SMTP accepted it, as a node dying
 * before commit would.
 */
public class RollbackProbe {

  public final AtomicInteger failures = new AtomicInteger();

  public void failOnce(DelegateExecution execution) {
    if (failures.getAndDecrement() > 0) {
      throw new IllegalStateException("the node died before commit (scripted)");
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Config {
    @Bean
    RollbackProbe rollbackProbe() {
      return new RollbackProbe();
    }
  }
}
