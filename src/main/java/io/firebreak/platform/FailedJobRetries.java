package io.firebreak.platform;

import java.util.Date;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultFailedJobConfiguration;
import org.springframework.stereotype.Component;

/**
 * What happens to a job whose step failed. Camunda's own handling (the step's
 * {@code failedJobRetryTimeCycle}, an incident in Cockpit after the last retry), except for a step
 * that failed with {@link RetryLater} (a rate limit): it keeps its retries and is due again at the
 * moment the outside system named. Replaces the starter's {@code DefaultFailedJobConfiguration}
 * (it is that, plus this command factory).
 */
@Component
class FailedJobRetries extends DefaultFailedJobConfiguration {

  @Override
  public void preInit(SpringProcessEngineConfiguration configuration) {
    super.preInit(configuration);
    configuration.setFailedJobCommandFactory((jobId, exception) -> new RetryCmd(jobId, exception));
  }

  /** Camunda's retry handling; for a {@link RetryLater} without using a retry, and due when it says. */
  static final class RetryCmd extends DefaultJobRetryCmd {

    RetryCmd(String jobId, Throwable exception) {
      super(jobId, exception);
    }

    @Override
    public Object execute(CommandContext commandContext) {
      Object result = super.execute(commandContext);
      RetryLater later = RetryLater.in(exception);
      JobEntity job = later == null ? null : getJob();
      if (job != null) {
        job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + later.after().toMillis()));
      }
      return result;
    }

    @Override
    protected boolean shouldDecrementRetriesFor(Throwable t) {
      return RetryLater.in(t) == null && super.shouldDecrementRetriesFor(t);
    }
  }
}
