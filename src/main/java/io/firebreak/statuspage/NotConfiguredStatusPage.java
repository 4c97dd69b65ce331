package io.firebreak.statuspage;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentTimeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The status page adapter while none is configured: nothing is published; the timeline says so. */
class NotConfiguredStatusPage implements StatusPagePort {

  private static final Logger log = LoggerFactory.getLogger(NotConfiguredStatusPage.class);

  private final IncidentTimeline timeline;

  NotConfiguredStatusPage(IncidentTimeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void publish(String incidentKey, String status, String text) {
    String note = timeline.add(incidentKey, "NOT_CONFIGURED", "status-page", "status-page-not-configured",
        facts("status", status, "text", text));
    log.info("{}: {}", incidentKey, note);
  }
}
