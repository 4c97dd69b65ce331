package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.Var;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Invites the people the model names in the input {@code invite} to the incident channel, by the
 * email address of their Camunda user (Slack looks them up by it). {@code invite} is a
 * comma-separated list (element template "Invite responders to channel") of
 * <ul>
 *   <li>{@code role:incidentCommander}, {@code role:commsLead}, {@code role:scribe},
 *       {@code role:customerLiaison}: whoever holds that incident role now (read model);</li>
 *   <li>{@code variable:<name>}: the user id in that process variable, e.g. {@code variable:acknowledgedBy};</li>
 *   <li>{@code group:<id>}: every member of that Camunda group; {@code user:<id>}: that user.</li>
 * </ul>
 * An entry that is empty now (a role nobody holds, a variable not set) invites nobody.
 *
 * <p>Used by {@code Task_InviteResponders} in {@code incident-triage.bpmn} (the roles; the
 * acknowledgement is in another process instance) and {@code Task_InviteAcknowledger} in
 * {@code incident-escalation.bpmn} (whoever acknowledged, as soon as they did, with the roles known
 * by then).
 */
@Component("inviteToChannel")
class InviteToChannel implements JavaDelegate {

  static final Var<String> INVITE = Var.string("invite");

  private final ChannelSteps steps;
  private final IncidentRepository incidents;

  InviteToChannel(ChannelSteps steps, IncidentRepository incidents) {
    this.steps = steps;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String invite = INVITE.require(execution);
    Incident incident = incidents.find(Incidents.keyOf(execution)).orElseThrow();
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    Set<String> people = invitees(invite, incident.roles(), execution, identity);
    steps.inIncidentChannel(execution, "no-channel-to-invite-to", facts("invite", invite)).ifPresent(step -> {
      if (people.isEmpty()) {
        step.skipped("nobody-to-invite", facts("invite", invite));
        return;
      }
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
        step.skipped("not-invited-no-user", facts("people", String.join(", ", strangers)));
      }
      if (!without.isEmpty()) {
        step.skipped("not-invited-no-email", facts("people", String.join(", ", without)));
      }
      if (!emails.isEmpty()) {
        step.run("invite", String.join(",", emails), (chat, key, channel) -> chat.invite(key, channel, emails));
      }
    });
  }

  /** The user ids the entries of {@code invite} name now, in the order written, each once. */
  static Set<String> invitees(String invite, Incident.Roles roles, DelegateExecution execution, IdentityService identity) {
    Set<String> people = new LinkedHashSet<>();
    for (String raw : invite.split("[,\\n]")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      String kind = colon < 0 ? "" : entry.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String name = colon < 0 ? "" : entry.substring(colon + 1).strip();
      switch (kind) {
        case "role" -> add(people, role(roles, name, entry));
        case "variable" -> {
          Object value = execution.getVariable(name);
          add(people, value == null ? null : value.toString());
        }
        case "group" -> identity.createUserQuery().memberOfGroup(name).orderByUserId().asc().list()
            .forEach(u -> people.add(u.getId()));
        case "user" -> add(people, name);
        default -> throw new IllegalArgumentException("invite entry '" + entry + "' must be role:<role>, "
            + "variable:<name>, group:<id> or user:<id>");
      }
    }
    return people;
  }

  private static String role(Incident.Roles roles, String role, String entry) {
    return switch (role) {
      case "incidentCommander" -> roles.incidentCommander();
      case "commsLead" -> roles.commsLead();
      case "scribe" -> roles.scribe();
      case "customerLiaison" -> roles.customerLiaison();
      default -> throw new IllegalArgumentException("invite entry '" + entry
          + "': the roles are incidentCommander, commsLead, scribe, customerLiaison");
    };
  }

  private static void add(Set<String> people, String person) {
    if (person != null && !person.isBlank()) {
      people.add(person.strip());
    }
  }
}
