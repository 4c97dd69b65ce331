package io.firebreak.oncall;

import io.firebreak.incident.IncidentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paging adapter while no paging channel is configured: the page is not delivered to anyone's
 * phone; the timeline says who would have been paged. The acknowledge task in Tasklist still
 * goes to the paged group.
 */
class NotConfiguredPaging implements PagingPort {

  private static final Logger log = LoggerFactory.getLogger(NotConfiguredPaging.class);

  private final IncidentRepository incidents;

  NotConfiguredPaging(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public void page(String incidentKey, String target, String text) {
    String note = "Paging not configured: " + target + " not paged (an Acknowledge page task waits in Tasklist): " + text;
    log.info("{}: {}", incidentKey, note);
    incidents.addTimeline(incidentKey, "NOT_CONFIGURED", "paging", note);
  }
}
