package io.firebreak.platform;

import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown of the job executor. On SIGTERM, after the web server has finished its requests
 * in flight ({@code server.shutdown=graceful}), this node stops acquiring jobs and waits (up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase}) for the jobs it is running to finish, while
 * the database pool is still open. Without it the thread pool would be interrupted at context close,
 * and an interrupted job would stay locked until its lock expired before another node could run it.
 */
@Component
class JobExecutorDrain implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobExecutorDrain.class);

  private final ProcessEngine engine;
  private final ObjectProvider<TaskExecutor> jobThreads;
  private final Duration timeout;
  private volatile boolean running;

  JobExecutorDrain(ProcessEngine engine, @Qualifier("camundaTaskExecutor") ObjectProvider<TaskExecutor> jobThreads,
      @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
    this.engine = engine;
    this.jobThreads = jobThreads;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    if (jobExecutor == null || !jobExecutor.isActive()) {
      return;
    }
    jobExecutor.shutdown(); // no new acquisitions; the jobs already handed to threads run on
    if (jobThreads.getIfAvailable() instanceof ThreadPoolTaskExecutor pool) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while ((pool.getActiveCount() > 0 || pool.getQueueSize() > 0) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      log.info("Job executor stopped; {} job(s) still running after {}", pool.getActiveCount(), timeout);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After the web server's graceful shutdown (phase DEFAULT - 1024) and its stop (DEFAULT - 2048). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
