package io.firebreak.postmortem;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.comms.Deliveries;
import io.firebreak.comms.IncidentMails;
import io.firebreak.comms.MailRecipients;
import io.firebreak.comms.MessageModel;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
import io.firebreak.platform.Var;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Emails about one action item, rendered from {@code <template>.subject/.text/.html.mustache}.
 * Inputs (element template "Notify about action item"): {@code template}, and {@code recipient} =
 * {@code owner} (the item's owner) or {@code lead} (the owner's lead per
 * {@code firebreak.action-items.leads}, else the members of {@code firebreak.action-items.lead-group}).
 * Escalations to the lead are noted on the incident's timeline. Sent at most once per step
 * ({@link Deliveries}), however often the job is retried.
 *
 * <p>Used by {@code Task_RemindOwner} and {@code Task_EscalateToLead} in {@code action-item.bpmn}.
 */
@Component("notifyActionItem")
class NotifyActionItem implements JavaDelegate {

  static final Var<String> TEMPLATE = Var.string("template");
  static final Var<String> RECIPIENT = Var.string("recipient");

  private final IncidentMails mails;
  private final MessageModel model;
  private final IncidentTimeline timeline;
  private final ActionItemProperties properties;

  NotifyActionItem(IncidentMails mails, MessageModel model, IncidentTimeline timeline,
      ActionItemProperties properties) {
    this.mails = mails;
    this.model = model;
    this.timeline = timeline;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String template = TEMPLATE.require(execution);
    String recipient = RECIPIENT.getOr(execution, "owner").strip();
    String owner = ActionItemProcess.OWNER.require(execution);
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    List<String> to;
    String who;
    switch (recipient) {
      case "owner" -> {
        who = owner;
        to = MailRecipients.user(identity, owner);
      }
      case "lead" -> {
        String lead = properties.leadOf(owner);
        who = lead != null ? lead : "group " + properties.leadGroup();
        to = lead != null ? MailRecipients.user(identity, lead) : MailRecipients.group(identity, properties.leadGroup());
        timeline.add(key, TimelineKind.ACTION_ITEM_OVERDUE, "firebreak", "action-item-overdue",
            facts("actionItemTitle", ActionItemProcess.TITLE.get(execution), "actionItemOwner", owner,
                "actionItemDueDay", ActionItemProcess.DUE_DAY.get(execution), "recipientName", who));
      }
      default -> throw new IllegalArgumentException("recipient must be 'owner' or 'lead', not '" + recipient + "'");
    }
    Map<String, Object> data = model.of(execution);
    data.put("recipientName", who);
    mails.send(execution, key, template, to, data,
        () -> timeline.add(key, TimelineKind.SKIPPED, "email", "no-email-address", facts("recipientName", who, "template", template)));
  }
}
