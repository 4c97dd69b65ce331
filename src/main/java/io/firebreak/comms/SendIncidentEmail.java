package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
import io.firebreak.platform.FirebreakProperties;
import io.firebreak.platform.Var;
import java.util.List;
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
  static final String DISTRIBUTION = "distribution";

  private final IncidentMails mails;
  private final MessageModel model;
  private final IncidentRepository incidents;
  private final IncidentTimeline timeline;
  private final FirebreakProperties properties;

  SendIncidentEmail(IncidentMails mails, MessageModel model, IncidentRepository incidents, IncidentTimeline timeline,
      FirebreakProperties properties) {
    this.mails = mails;
    this.model = model;
    this.incidents = incidents;
    this.timeline = timeline;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String template = TEMPLATE.require(execution);
    String recipients = RECIPIENTS.getOr(execution, DISTRIBUTION).strip();
    List<String> to = DISTRIBUTION.equals(recipients)
        ? properties.mail().to().stream().map(String::strip).filter(s -> !s.isEmpty()).toList()
        : IncidentMails.groupAddresses(execution.getProcessEngineServices().getIdentityService(), recipients);
    Map<String, Object> data = model.of(execution);
    if (to.isEmpty()) {
      timeline.add(key, TimelineKind.SKIPPED, "email", "no-email-recipients", facts("template", template,
          "distribution", DISTRIBUTION.equals(recipients), "group", DISTRIBUTION.equals(recipients) ? null : recipients));
      return;
    }
    mails.send(execution, key, template, to, data);
  }
}
