package io.firebreak.comms;

import static io.firebreak.incident.IncidentVariables.CONFIDENTIAL;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentLinks;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.FirebreakProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What a message template can say: every variable of the process that sends it, overlaid with the
 * incident as the read model has it now (so a template always shows the current severity, phase
 * and roles), plus links. {@code confidential} is the response plan's output of that name: broad
 * messages (broadcast, distribution email) leave the details out.
 */
@Component
public class MessageModel {

  private final IncidentRepository incidents;
  private final FirebreakProperties properties;
  private final IncidentLinks links;

  MessageModel(IncidentRepository incidents, FirebreakProperties properties, IncidentLinks links) {
    this.incidents = incidents;
    this.properties = properties;
    this.links = links;
  }

  public Map<String, Object> of(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    Map<String, Object> model = new HashMap<>(execution.getVariables());
    Incident incident = incidents.find(key)
        .orElseThrow(() -> new IllegalStateException("no incident " + key + " in the read model"));
    model.putAll(Incidents.facts(incident));
    // The response plan's "leave details out of broad messages" (DMN response-plan); when a process
    // has no plan (yet), details stay out.
    model.put("confidential", !Boolean.FALSE.equals(CONFIDENTIAL.get(execution)));
    // With the Slack id a message can link the channel (<#C…>); without it, it names it.
    model.put("channelId", incidents.channelId(key).orElse(null));
    model.put("members", members(incident));
    // The incident page for people (HTML), not the JSON API.
    model.put("incidentUrl", properties.baseUrl() + "/incidents/" + key);
    model.put("tasklistUrl", properties.baseUrl() + "/camunda/app/tasklist/");
    model.put("broadcastChannel", properties.slack().broadcastChannel());
    // Links outbound steps recorded (the ticket, the video bridge): {{links.<name>.url}}, and the
    // two the shipped templates show by name.
    Map<String, IncidentLinks.Link> linked = links.of(key);
    model.put("links", links.asMaps(key));
    IncidentLinks.Link ticket = linked.get("ticket");
    IncidentLinks.Link bridge = linked.get("bridge");
    model.put("ticketUrl", ticket == null ? null : ticket.url());
    model.put("ticketRef", ticket == null ? null : ticket.ref());
    model.put("bridgeUrl", bridge == null ? null : bridge.url());
    return model;
  }

  /**
   * "Who else is involved and in what role", for templates to list: {@code who}, {@code role} (the
   * role's name, e.g. {@code incidentCommander}) and one flag per role ({@code isIncidentCommander},
   * {@code isCommsLead}, {@code isScribe}, {@code isCustomerLiaison}, {@code isReporter}) so the
   * template words it (shipped: the partial {@code member-role}).
   */
  private static List<Map<String, Object>> members(Incident incident) {
    List<Map<String, Object>> members = new ArrayList<>();
    add(members, "incidentCommander", incident.roles().incidentCommander());
    add(members, "commsLead", incident.roles().commsLead());
    add(members, "scribe", incident.roles().scribe());
    add(members, "customerLiaison", incident.roles().customerLiaison());
    add(members, "reporter", incident.reporter());
    return members;
  }

  private static void add(List<Map<String, Object>> members, String role, String who) {
    if (who != null && !who.isBlank()) {
      Map<String, Object> member = new HashMap<>();
      member.put("role", role);
      member.put("who", who);
      // Every flag set, true or false: a missing one would be looked up in the message around it.
      for (String r : List.of("incidentCommander", "commsLead", "scribe", "customerLiaison", "reporter")) {
        member.put("is" + Character.toUpperCase(r.charAt(0)) + r.substring(1), r.equals(role));
      }
      members.add(member);
    }
  }
}
