package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Archives the incident channel.
 *
 * <p>Used by {@code Task_ArchiveChannel} in {@code incident.bpmn}.
 */
@Component("archiveChannel")
class ArchiveChannel implements JavaDelegate {

  private final ChannelSteps steps;

  ArchiveChannel(ChannelSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.inIncidentChannel(execution, "no-channel-to-archive", facts())
        .ifPresent(step -> step.run("archive", null, ChatPort::archive));
  }
}
