package io.firebreak.comms;

import static io.firebreak.incident.IncidentVariables.CHANNEL_NAME;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Invites everyone holding an incident role to the incident channel.
 *
 * <p>Used by {@code Task_InviteResponders} in {@code incident-triage.bpmn}.
 */
@Component("inviteToChannel")
class InviteToChannel implements JavaDelegate {

  private final ChatPort chat;
  private final IncidentRepository incidents;

  InviteToChannel(ChatPort chat, IncidentRepository incidents) {
    this.chat = chat;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String channel = CHANNEL_NAME.get(execution);
    Incident incident = incidents.find(key).orElseThrow();
    Incident.Roles roles = incident.roles();
    Set<String> people = new LinkedHashSet<>();
    Stream.of(roles.incidentCommander(), roles.commsLead(), roles.scribe(), roles.customerLiaison())
        .filter(p -> p != null && !p.isBlank())
        .forEach(people::add);
    if (channel == null || people.isEmpty()) {
      incidents.addTimeline(key, "SKIPPED", "slack", channel == null ? "No incident channel to invite to" : "Nobody to invite");
      return;
    }
    chat.invite(key, channel, List.copyOf(people));
  }
}
