package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.platform.Var;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sets the incident channel's topic from a template (default {@code topic}: severity · phase · IC),
 * so the channel header always shows where the incident stands. Input (element template "Set
 * channel topic"): {@code template}.
 *
 * <p>Used by {@code Task_SetChannelTopic} (incident-declaration), {@code Task_UpdateChannelTopic}
 * (incident-triage, incident-communication), {@code Task_UpdateTopicCauseIdentified} and
 * {@code Task_UpdateTopicMitigated} (incident-remediation).
 */
@Component("setChannelTopic")
class SetChannelTopic implements JavaDelegate {

  static final Var<String> TEMPLATE = Var.string("template");
  /** Slack's limit on topics. */
  static final int MAX_TOPIC = 250;

  private final ChannelSteps steps;
  private final MessageTemplates templates;
  private final MessageModel model;

  SetChannelTopic(ChannelSteps steps, MessageTemplates templates, MessageModel model) {
    this.steps = steps;
    this.templates = templates;
    this.model = model;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.inIncidentChannel(execution, "no-channel-for-topic", facts()).ifPresent(step -> {
      String rendered = templates.render(TEMPLATE.getOr(execution, "topic"), Format.SLACK, model.of(execution))
          .replaceAll("\\s+", " ");
      String topic = rendered.length() <= MAX_TOPIC ? rendered : rendered.substring(0, MAX_TOPIC - 1) + "…";
      step.run("topic", null, (chat, key, channel) -> chat.setTopic(key, channel, topic));
    });
  }
}
