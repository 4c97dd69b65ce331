package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.comms.MessageTemplates.Format;
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

  private final ChannelSteps steps;
  private final MessageTemplates templates;
  private final MessageModel model;

  PostToSlack(ChannelSteps steps, MessageTemplates templates, MessageModel model) {
    this.steps = steps;
    this.templates = templates;
    this.model = model;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String target = CHANNEL.getOr(execution, "incident").strip();
    String channel = "incident".equals(target) ? steps.incidentChannel(execution) : steps.named(target);
    steps.in(execution, channel, "no-channel-to-post-to", facts("template", TEMPLATE.get(execution))).ifPresent(step -> {
      String template = TEMPLATE.require(execution);
      String text = templates.render(template, Format.SLACK, model.of(execution));
      step.call("post", template, (chat, key, on) -> chat.post(key, on, text));
    });
  }
}
