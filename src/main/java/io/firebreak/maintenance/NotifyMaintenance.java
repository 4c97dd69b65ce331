package io.firebreak.maintenance;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.TimelineKind;
import io.firebreak.comms.ChatPort;
import io.firebreak.comms.Deliveries;
import io.firebreak.comms.IncidentMails;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.FirebreakProperties;
import io.firebreak.platform.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
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

  private final ChatPort chat;
  private final IncidentMails mails;
  private final MessageTemplates templates;
  private final Deliveries deliveries;
  private final IncidentTimeline timeline;
  private final FirebreakProperties properties;

  NotifyMaintenance(ChatPort chat, IncidentMails mails, MessageTemplates templates, Deliveries deliveries,
      IncidentTimeline timeline, FirebreakProperties properties) {
    this.chat = chat;
    this.mails = mails;
    this.templates = templates;
    this.deliveries = deliveries;
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
    String channel = target.equals("broadcast") ? properties.slack().broadcastChannel()
        : target.startsWith("#") ? target.substring(1) : target;
    if (!target.isEmpty() && templates.exists(template, Format.SLACK)) {
      if (channel == null || channel.isBlank()) {
        timeline.add(key, TimelineKind.SKIPPED, "slack", "no-channel-to-post-to", facts("template", template));
      } else {
        String text = templates.render(template, Format.SLACK, model);
        deliveries.once(key, deliveries.stepKey(execution), "post:" + channel + ":" + template,
            () -> chat.post(key, channel, text));
      }
    }

    String recipients = RECIPIENTS.getOr(execution, "").strip();
    if (!recipients.isEmpty() && templates.exists(template, Format.SUBJECT)) {
      List<String> to = addresses(execution, recipients);
      if (to.isEmpty()) {
        timeline.add(key, TimelineKind.SKIPPED, "email", "no-email-recipients",
            facts("template", template, "distribution", recipients.contains("distribution"), "group", recipients));
      } else {
        mails.send(execution, key, template, to, model);
      }
    }
  }

  private List<String> addresses(DelegateExecution execution, String recipients) {
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    List<String> to = new ArrayList<>();
    for (String r : recipients.split(",")) {
      String who = r.strip();
      List<String> found = switch (who) {
        case "" -> List.of();
        case "distribution" -> properties.mail().to().stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        case "owner" -> userAddress(identity, MaintenanceProcess.OWNER.get(execution));
        default -> IncidentMails.groupAddresses(identity, who);
      };
      found.stream().filter(a -> !to.contains(a)).forEach(to::add);
    }
    return to;
  }

  private static List<String> userAddress(IdentityService identity, String userId) {
    if (userId == null) {
      return List.of();
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    return user == null || user.getEmail() == null || user.getEmail().isBlank() ? List.of() : List.of(user.getEmail());
  }
}
