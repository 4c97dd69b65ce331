package io.firebreak.comms;

import io.firebreak.incident.IncidentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail adapter while no SMTP host is configured: nothing is sent; the incident timeline and
 * the log say what would have been, clearly as not sent.
 */
class NotConfiguredMail implements MailPort {

  private static final Logger log = LoggerFactory.getLogger(NotConfiguredMail.class);

  private final IncidentRepository incidents;

  NotConfiguredMail(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public String send(String incidentKey, Mail mail) {
    String text = "Email not configured (set spring.mail.host): not sent to "
        + (mail.to().isEmpty() ? "nobody (no recipients)" : String.join(", ", mail.to())) + ": " + mail.subject();
    log.info("{}: {}", incidentKey, text);
    incidents.addTimeline(incidentKey, NotConfiguredChat.KIND, "email", text);
    return null;
  }
}
