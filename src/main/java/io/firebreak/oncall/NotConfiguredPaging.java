package io.firebreak.oncall;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.comms.NotConfigured;
import io.firebreak.incident.IncidentTimeline;

/**
 * The paging adapter while no paging channel is configured: the page is not delivered to anyone's
 * phone; the timeline says who would have been paged. The acknowledge task in Tasklist still
 * goes to the paged group.
 */
class NotConfiguredPaging implements PagingPort {

  private final NotConfigured notes;

  NotConfiguredPaging(IncidentTimeline timeline) {
    this.notes = new NotConfigured(timeline, "paging", NotConfiguredPaging.class);
  }

  @Override
  public void page(String incidentKey, String target, String subject, String text) {
    notes.note(incidentKey, facts("target", target, "subject", subject, "text", text));
  }
}
