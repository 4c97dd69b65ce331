package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentTimeline;

/**
 * The mail adapter while no SMTP host is configured: nothing is sent; the incident timeline and
 * the log say what would have been, clearly as not sent.
 */
class NotConfiguredMail implements MailPort {

  private final NotConfigured notes;

  NotConfiguredMail(IncidentTimeline timeline) {
    this.notes = new NotConfigured(timeline, "email", NotConfiguredMail.class);
  }

  @Override
  public String send(String incidentKey, Mail mail) {
    notes.note(incidentKey, facts("to", mail.to().isEmpty() ? null : String.join(", ", mail.to()), "subject", mail.subject()));
    return null;
  }
}
