package io.firebreak.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How Firebreak's job executor behaves among several nodes on one database — Camunda's own
 * clustering (every node acquires jobs, optimistic locking keeps each on one), with two additions:
 * <ul>
 *   <li>the lock owner is the node's name ({@link NodeProperties}), so an operator sees in
 *       {@code ACT_RU_JOB} which node holds a job, and after a crash which jobs wait for their lock
 *       to expire;
 *   <li>a step that failed with {@link RetryLater} (a rate limit) is tried again at the moment the
 *       outside system named, and keeps its retries ({@link FailedJobRetries}).
 * </ul>
 */
@Component
class JobClustering extends AbstractProcessEnginePlugin {

  private final String nodeName;

  JobClustering(NodeProperties node, @Value("${server.port:8080}") int port) {
    this.nodeName = node.name() != null && !node.name().isBlank() ? node.name() : hostName() + ":" + port;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getJobExecutor() != null) {
      configuration.getJobExecutor().setLockOwner(nodeName);
    }
  }

  String nodeName() {
    return nodeName;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "firebreak";
    }
  }
}
