package io.firebreak.comms;

import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.TimelineKind;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an adapter does while its channel to the outside is not configured: nothing is sent; each
 * would-be call becomes one timeline line, worded by {@code timeline-<channel>-not-configured}
 * (one section per call), clearly as not sent, and the same line in the adapter's log.
 */
public final class NotConfigured {

  private final IncidentTimeline timeline;
  private final String channel;
  private final Logger log;

  /**
   * @param channel {@code slack}, {@code email}, {@code paging}: the line's actor and its wording's name
   * @param adapter the adapter, whose logger says it
   */
  public NotConfigured(IncidentTimeline timeline, String channel, Class<?> adapter) {
    this.timeline = timeline;
    this.channel = channel;
    this.log = LoggerFactory.getLogger(adapter);
  }

  /** Notes what would have been sent, with the facts the wording shows. */
  public void note(String incidentKey, Map<String, ?> facts) {
    String text = timeline.add(incidentKey, TimelineKind.NOT_CONFIGURED, channel, channel + "-not-configured", facts);
    log.info("{}: {}", incidentKey, text);
  }
}
