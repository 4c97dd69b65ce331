package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
import io.firebreak.platform.Var;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends an email rendered from a template ({@code <template>.subject/.text/.html.mustache}).
 * Inputs (element template "Send incident email"): {@code template} and {@code recipients} =
 * {@code distribution} (the list in {@code firebreak.mail.to}) or a Camunda group id
 * ({@code leadership}, {@code legal}, …) whose members' addresses are used.
 *
 * <p>Used by {@code Task_SendInitialEmail} (incident-declaration), {@code Task_SendFollowUpEmail}
 * (incident-communication), {@code Task_NotifyLeadership} (incident-escalation),
 * {@code Task_RemindLegal} and {@code Task_SendClosingEmail} (incident).
 */
@Component("sendIncidentEmail")
class SendIncidentEmail implements JavaDelegate {

  static final Var<String> TEMPLATE = Var.string("template");
  static final Var<String> RECIPIENTS = Var.string("recipients");

  private final IncidentMails mails;
  private final MailRecipients recipients;
  private final MessageModel model;
  private final IncidentTimeline timeline;

  SendIncidentEmail(IncidentMails mails, MailRecipients recipients, MessageModel model, IncidentTimeline timeline) {
    this.mails = mails;
    this.recipients = recipients;
    this.model = model;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String template = TEMPLATE.require(execution);
    String who = RECIPIENTS.getOr(execution, MailRecipients.DISTRIBUTION).strip();
    boolean distribution = MailRecipients.DISTRIBUTION.equals(who);
    mails.send(execution, key, template, recipients.resolve(execution, who, Map.of()), model.of(execution),
        () -> timeline.add(key, TimelineKind.SKIPPED, "email", "no-email-recipients",
            facts("template", template, "distribution", distribution, "group", distribution ? null : who)));
  }
}
