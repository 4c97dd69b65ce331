package io.firebreak.comms;

import io.firebreak.comms.MessageTemplates.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Sends an email rendered from {@code <template>.subject/.text/.html.mustache}, once per step: a
 * retried step does not send it again ({@link Deliveries}). For delegates that email from their own
 * async step.
 */
@Component
public class IncidentMails {

  private final MailPort mail;
  private final MessageTemplates templates;
  private final Deliveries deliveries;

  IncidentMails(MailPort mail, MessageTemplates templates, Deliveries deliveries) {
    this.mail = mail;
    this.templates = templates;
    this.deliveries = deliveries;
  }

  /**
   * Renders {@code template} with {@code model} and sends it to {@code to}, unless this step sent it
   * already.
   *
   * @param incidentKey the incident (or other business key) the email is about, for the delivery
   *     record and the adapter's log
   * @return the Message-ID, or {@code null} when nothing was sent
   */
  public String send(DelegateExecution execution, String incidentKey, String template, List<String> to,
      Map<String, ?> model) {
    MailPort.Mail email = new MailPort.Mail(to,
        templates.render(template, Format.SUBJECT, model),
        templates.render(template, Format.TEXT, model),
        templates.render(template, Format.HTML, model));
    return deliveries.once(incidentKey, deliveries.stepKey(execution), "mail:" + template,
        () -> mail.send(incidentKey, email));
  }

  /** The email addresses of the members of a Camunda group (members without one are left out). */
  public static List<String> groupAddresses(IdentityService identity, String groupId) {
    List<String> addresses = new ArrayList<>();
    for (User user : identity.createUserQuery().memberOfGroup(groupId).list()) {
      if (user.getEmail() != null && !user.getEmail().isBlank()) {
        addresses.add(user.getEmail());
      }
    }
    return addresses;
  }
}
