package io.firebreak.comms;

import io.firebreak.comms.MessageTemplates.Format;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Sends an email rendered from {@code <template>.subject/.text/.html.mustache}, once per step: a
 * retried step does not send it again ({@link Deliveries}). For delegates that email from their own
 * async step, to whom {@link MailRecipients} resolves their recipients to.
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
   * The one sending path of the email steps: renders {@code template} with {@code model} and sends
   * it to {@code to}, unless this step sent it already; when {@code to} is empty (the recipients
   * resolved to nobody with an address), sends nothing and runs {@code nobody}, which says so.
   *
   * @param incidentKey the incident (or other business key) the email is about, for the delivery
   *     record and the adapter's log
   * @return the Message-ID, or {@code null} when nothing was sent
   */
  public String send(DelegateExecution execution, String incidentKey, String template, List<String> to,
      Map<String, ?> model, Runnable nobody) {
    if (to.isEmpty()) {
      nobody.run();
      return null;
    }
    MailPort.Mail email = new MailPort.Mail(to,
        templates.render(template, Format.SUBJECT, model),
        templates.render(template, Format.TEXT, model),
        templates.render(template, Format.HTML, model));
    return deliveries.once(incidentKey, deliveries.stepKey(execution), "mail:" + template,
        () -> mail.send(incidentKey, email));
  }
}
