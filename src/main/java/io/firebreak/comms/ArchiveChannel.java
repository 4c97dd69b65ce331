package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
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
  private final IncidentTimeline timeline;
  private final Deliveries deliveries;

  ArchiveChannel(ChatPort chat, IncidentRepository incidents, IncidentTimeline timeline, Deliveries deliveries) {
    this.chat = chat;
    this.incidents = incidents;
    this.timeline = timeline;
    this.deliveries = deliveries;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String channel = IncidentChannel.of(execution, key, incidents);
    if (channel == null) {
      timeline.add(key, TimelineKind.SKIPPED, "slack", "no-channel-to-archive", facts());
      return;
    }
    deliveries.once(key, deliveries.stepKey(execution), "archive:" + channel, () -> {
      chat.archive(key, channel);
      return null;
    });
  }
}
