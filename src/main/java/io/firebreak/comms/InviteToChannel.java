package io.firebreak.comms;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import io.firebreak.oncall.EscalationProcess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Invites everyone holding an incident role (IC, communications lead, scribe, customer liaison)
 * and the on-call responder who acknowledged the page to the incident channel, by the email
 * address of their Camunda user (Slack looks them up by it).
 *
 * <p>Used by {@code Task_InviteResponders} in {@code incident-triage.bpmn} (the roles; the
 * acknowledgement is in another process instance) and {@code Task_InviteAcknowledger} in
 * {@code incident-escalation.bpmn} (whoever acknowledged, as soon as they did, with the roles known
 * by then).
 */
@Component("inviteToChannel")
class InviteToChannel implements JavaDelegate {

  private final ChatPort chat;
  private final IncidentRepository incidents;
  private final Deliveries deliveries;

  InviteToChannel(ChatPort chat, IncidentRepository incidents, Deliveries deliveries) {
    this.chat = chat;
    this.incidents = incidents;
    this.deliveries = deliveries;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String channel = IncidentChannel.of(execution, key, incidents);
    Incident incident = incidents.find(key).orElseThrow();
    Incident.Roles roles = incident.roles();
    Set<String> people = new LinkedHashSet<>();
    Stream.of(roles.incidentCommander(), roles.commsLead(), roles.scribe(), roles.customerLiaison(),
            EscalationProcess.ACKNOWLEDGED_BY.get(execution))
        .filter(p -> p != null && !p.isBlank())
        .forEach(people::add);
    if (channel == null || people.isEmpty()) {
      incidents.addTimeline(key, "SKIPPED", "slack", channel == null ? "No incident channel to invite to" : "Nobody to invite");
      return;
    }
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    List<String> emails = new ArrayList<>();
    List<String> without = new ArrayList<>();
    List<String> strangers = new ArrayList<>();
    for (String person : people) {
      User user = identity.createUserQuery().userId(person).singleResult();
      if (user == null) {
        // e.g. an acknowledgement from PagerDuty ("pagerduty:<client>") or a Slack name with no Firebreak user
        strangers.add(person);
      } else if (user.getEmail() != null && !user.getEmail().isBlank()) {
        emails.add(user.getEmail().strip());
      } else {
        without.add(person);
      }
    }
    if (!strangers.isEmpty()) {
      incidents.addTimeline(key, "SKIPPED", "slack",
          "Not invited to the incident channel (no Firebreak user): " + String.join(", ", strangers));
    }
    if (!without.isEmpty()) {
      incidents.addTimeline(key, "SKIPPED", "slack",
          "Not invited to the incident channel (no email address in Firebreak): " + String.join(", ", without));
    }
    if (!emails.isEmpty()) {
      deliveries.once(key, deliveries.stepKey(execution), "invite:" + channel + ":" + String.join(",", emails), () -> {
        chat.invite(key, channel, emails);
        return null;
      });
    }
  }
}
