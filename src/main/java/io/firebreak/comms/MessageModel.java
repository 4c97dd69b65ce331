package io.firebreak.comms;

import static io.firebreak.incident.IncidentVariables.CONFIDENTIAL;

import io.firebreak.incident.Incident;
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

  MessageModel(IncidentRepository incidents, FirebreakProperties properties) {
    this.incidents = incidents;
    this.properties = properties;
  }

  public Map<String, Object> of(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    Map<String, Object> model = new HashMap<>(execution.getVariables());
    Incident incident = incidents.find(key)
        .orElseThrow(() -> new IllegalStateException("no incident " + key + " in the read model"));
    model.put("key", incident.key());
    model.put("title", incident.title());
    model.put("description", incident.description());
    model.put("service", incident.service());
    model.put("type", incident.type());
    model.put("severity", incident.severity());
    model.put("phase", incident.phase().label());
    model.put("reporter", incident.reporter());
    model.put("customerImpact", incident.customerImpact());
    // The response plan's "leave details out of broad messages" (DMN response-plan); when a process
    // has no plan (yet), details stay out.
    model.put("confidential", !Boolean.FALSE.equals(CONFIDENTIAL.get(execution)));
    model.put("incidentCommander", incident.roles().incidentCommander());
    model.put("channel", incident.channelName());
    // With the Slack id a message can link the channel (<#C…>); without it, it names it.
    model.put("channelId", incidents.channelId(key).orElse(null));
    model.put("members", members(incident));
    model.put("incidentUrl", properties.baseUrl() + "/api/incidents/" + key);
    model.put("tasklistUrl", properties.baseUrl() + "/camunda/app/tasklist/");
    model.put("broadcastChannel", properties.slack().broadcastChannel());
    return model;
  }

  /** "Who else is involved and in what role", for templates to list. */
  private static List<Map<String, String>> members(Incident incident) {
    List<Map<String, String>> members = new ArrayList<>();
    add(members, "Incident commander", incident.roles().incidentCommander());
    add(members, "Communications lead", incident.roles().commsLead());
    add(members, "Scribe", incident.roles().scribe());
    add(members, "Customer liaison", incident.roles().customerLiaison());
    add(members, "Reporter", incident.reporter());
    return members;
  }

  private static void add(List<Map<String, String>> members, String role, String who) {
    if (who != null && !who.isBlank()) {
      members.add(Map.of("role", role, "who", who));
    }
  }
}
