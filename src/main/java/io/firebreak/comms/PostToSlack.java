package io.firebreak.comms;

import static io.firebreak.incident.IncidentVariables.CHANNEL_NAME;

import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.FirebreakProperties;
import io.firebreak.platform.Var;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Posts a message rendered from a template to the incident channel or the broadcast channel.
 * Inputs (element template "Post to Slack"): {@code channel} = {@code incident} | {@code broadcast}
 * | a channel name, and {@code template}.
 *
 * <p>Used by {@code Task_AnnounceIncident} (incident-declaration), {@code Task_PostUpdateToChannel}
 * and {@code Task_PostUpdateToBroadcast} (incident-communication), {@code Task_SuggestResolution}
 * (incident-remediation).
 */
@Component("postToSlack")
class PostToSlack implements JavaDelegate {

  static final Var<String> CHANNEL = Var.string("channel");
  static final Var<String> TEMPLATE = Var.string("template");

  private final ChatPort chat;
  private final MessageTemplates templates;
  private final MessageModel model;
  private final IncidentRepository incidents;
  private final FirebreakProperties properties;

  PostToSlack(ChatPort chat, MessageTemplates templates, MessageModel model, IncidentRepository incidents,
      FirebreakProperties properties) {
    this.chat = chat;
    this.templates = templates;
    this.model = model;
    this.incidents = incidents;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String target = CHANNEL.getOr(execution, "incident").strip();
    String channel = switch (target) {
      case "incident" -> CHANNEL_NAME.get(execution);
      case "broadcast" -> properties.slack().broadcastChannel();
      default -> target.startsWith("#") ? target.substring(1) : target;
    };
    if (channel == null || channel.isBlank()) {
      incidents.addTimeline(key, "SKIPPED", "slack", "No incident channel to post '" + TEMPLATE.get(execution) + "' to");
      return;
    }
    String text = templates.render(TEMPLATE.require(execution), Format.SLACK, model.of(execution));
    chat.post(key, channel, text);
  }
}
