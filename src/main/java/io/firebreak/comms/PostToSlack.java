package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
import io.firebreak.platform.FirebreakProperties;
import io.firebreak.platform.Var;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Posts a message rendered from a template to the incident channel or the broadcast channel.
 * Inputs (element template "Post to Slack"): {@code channel} = {@code incident} | {@code broadcast}
 * | a channel name, and {@code template}. A retried step does not post again (delivery marker).
 *
 * <p>Used by {@code Task_AnnounceIncident} (incident-declaration), {@code Task_PostUpdateToChannel}
 * and {@code Task_PostUpdateToBroadcast} (incident-communication), {@code Task_SuggestResolution}
 * (incident-remediation), {@code Task_SharePostmortem} (incident-postmortem).
 */
@Component("postToSlack")
class PostToSlack implements JavaDelegate {

  static final Var<String> CHANNEL = Var.string("channel");
  static final Var<String> TEMPLATE = Var.string("template");

  private final ChatPort chat;
  private final MessageTemplates templates;
  private final MessageModel model;
  private final IncidentRepository incidents;
  private final IncidentTimeline timeline;
  private final FirebreakProperties properties;
  private final Deliveries deliveries;

  PostToSlack(ChatPort chat, MessageTemplates templates, MessageModel model, IncidentRepository incidents, IncidentTimeline timeline,
      FirebreakProperties properties, Deliveries deliveries) {
    this.deliveries = deliveries;
    this.chat = chat;
    this.templates = templates;
    this.model = model;
    this.incidents = incidents;
    this.timeline = timeline;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String target = CHANNEL.getOr(execution, "incident").strip();
    String channel = switch (target) {
      case "incident" -> IncidentChannel.of(execution, key, incidents);
      case "broadcast" -> properties.slack().broadcastChannel();
      default -> target.startsWith("#") ? target.substring(1) : target;
    };
    if (channel == null || channel.isBlank()) {
      timeline.add(key, TimelineKind.SKIPPED, "slack", "no-channel-to-post-to", facts("template", TEMPLATE.get(execution)));
      return;
    }
    String template = TEMPLATE.require(execution);
    String text = templates.render(template, Format.SLACK, model.of(execution));
    deliveries.once(key, deliveries.stepKey(execution), "post:" + channel + ":" + template,
        () -> chat.post(key, channel, text));
  }
}
