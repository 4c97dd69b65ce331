package io.firebreak.maintenance;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.TimelineKind;
import io.firebreak.comms.ChannelSteps;
import io.firebreak.comms.Deliveries;
import io.firebreak.comms.IncidentMails;
import io.firebreak.comms.MailRecipients;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.FirebreakProperties;
import io.firebreak.platform.Var;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Tells people inside the organisation about a maintenance, rendered from {@code <template>}: a
 * Slack post when {@code channel} is set ({@code broadcast} = the broadcast channel, or a channel
 * name) and the template has a {@code .slack} form, and an email when {@code recipients} is set
 * (comma-separated: {@code distribution} = {@code firebreak.mail.to}, {@code owner} = the
 * maintenance's owner, or a Camunda group id such as {@code communications}). Each delivery
 * happens at most once per step ({@link Deliveries}), however often the job is retried.
 *
 * <p>Used by {@code Task_AnnounceMaintenance}, {@code Task_AnnounceWindowStarted},
 * {@code Task_FlagOverrun}, {@code Task_AnnounceCompleted} and {@code Task_AnnounceCancelled}
 * in {@code maintenance.bpmn}.
 */
@Component("notifyMaintenance")
class NotifyMaintenance implements JavaDelegate {

  static final Var<String> TEMPLATE = Var.string("template");
  static final Var<String> CHANNEL = Var.string("channel");
  static final Var<String> RECIPIENTS = Var.string("recipients");

  private final ChannelSteps steps;
  private final IncidentMails mails;
  private final MailRecipients recipients;
  private final MessageTemplates templates;
  private final IncidentTimeline timeline;
  private final FirebreakProperties properties;

  NotifyMaintenance(ChannelSteps steps, IncidentMails mails, MailRecipients recipients, MessageTemplates templates,
      IncidentTimeline timeline, FirebreakProperties properties) {
    this.steps = steps;
    this.mails = mails;
    this.recipients = recipients;
    this.templates = templates;
    this.timeline = timeline;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String template = TEMPLATE.require(execution);
    Map<String, Object> model = new HashMap<>(execution.getVariables());
    model.put("maintenanceKey", key);
    model.put("statusUrl", properties.baseUrl() + "/status");
    model.put("tasklistUrl", properties.baseUrl() + "/camunda/app/tasklist/");
    model.put("broadcastChannel", properties.slack().broadcastChannel());

    String target = CHANNEL.getOr(execution, "").strip();
    if (!target.isEmpty() && templates.exists(template, Format.SLACK)) {
      steps.in(execution, steps.named(target), "no-channel-to-post-to", facts("template", template)).ifPresent(step -> {
        String text = templates.render(template, Format.SLACK, model);
        step.call("post", template, (chat, k, channel) -> chat.post(k, channel, text));
      });
    }

    String who = RECIPIENTS.getOr(execution, "").strip();
    if (!who.isEmpty() && templates.exists(template, Format.SUBJECT)) {
      Map<String, String> users = new HashMap<>();
      users.put("owner", MaintenanceProcess.OWNER.get(execution));
      mails.send(execution, key, template, recipients.resolve(execution, who, users), model,
          () -> timeline.add(key, TimelineKind.SKIPPED, "email", "no-email-recipients",
              facts("template", template, "distribution", who.contains("distribution"), "group", who)));
    }
  }
}
