package io.firebreak.oncall;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.TimelineKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paging adapter while no paging channel is configured: the page is not delivered to anyone's
 * phone; the timeline says who would have been paged. The acknowledge task in Tasklist still
 * goes to the paged group.
 */
class NotConfiguredPaging implements PagingPort {

  private static final Logger log = LoggerFactory.getLogger(NotConfiguredPaging.class);

  private final IncidentTimeline timeline;

  NotConfiguredPaging(IncidentTimeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void page(String incidentKey, String target, String subject, String text) {
    String note = timeline.add(incidentKey, TimelineKind.NOT_CONFIGURED, "paging", "paging-not-configured",
        facts("target", target, "subject", subject, "text", text));
    log.info("{}: {}", incidentKey, note);
  }
}
