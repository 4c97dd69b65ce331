package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.TimelineKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail adapter while no SMTP host is configured: nothing is sent; the incident timeline and
 * the log say what would have been, clearly as not sent.
 */
class NotConfiguredMail implements MailPort {

  private static final Logger log = LoggerFactory.getLogger(NotConfiguredMail.class);

  private final IncidentTimeline timeline;

  NotConfiguredMail(IncidentTimeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public String send(String incidentKey, Mail mail) {
    String text = timeline.add(incidentKey, TimelineKind.NOT_CONFIGURED, "email", "email-not-configured",
        facts("to", mail.to().isEmpty() ? null : String.join(", ", mail.to()), "subject", mail.subject()));
    log.info("{}: {}", incidentKey, text);
    return null;
  }
}
