package io.firebreak.comms;

import static io.firebreak.incident.IncidentVariables.CHANNEL_NAME;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
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

  private final ChatPort chat;
  private final IncidentRepository incidents;

  ArchiveChannel(ChatPort chat, IncidentRepository incidents) {
    this.chat = chat;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String channel = CHANNEL_NAME.get(execution);
    if (channel == null) {
      incidents.addTimeline(key, "SKIPPED", "slack", "No incident channel to archive");
      return;
    }
    chat.archive(key, channel);
  }
}
