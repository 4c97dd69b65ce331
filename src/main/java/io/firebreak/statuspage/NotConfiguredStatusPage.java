package io.firebreak.statuspage;

import io.firebreak.incident.IncidentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The status page adapter while none is configured: nothing is published; the timeline says so. */
class NotConfiguredStatusPage implements StatusPagePort {

  private static final Logger log = LoggerFactory.getLogger(NotConfiguredStatusPage.class);

  private final IncidentRepository incidents;

  NotConfiguredStatusPage(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public void publish(String incidentKey, String status, String text) {
    String note = "Status page not configured: not published (" + status + "): " + text;
    log.info("{}: {}", incidentKey, note);
    incidents.addTimeline(incidentKey, "NOT_CONFIGURED", "status-page", note);
  }
}
