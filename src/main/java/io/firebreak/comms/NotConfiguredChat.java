package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.TimelineKind;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat adapter while no Slack token is configured: nothing is sent; the incident timeline and
 * the log say what would have been, clearly as not sent.
 */
class NotConfiguredChat implements ChatPort {

  private static final Logger log = LoggerFactory.getLogger(NotConfiguredChat.class);

  private final IncidentTimeline timeline;

  NotConfiguredChat(IncidentTimeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public Channel openChannel(String incidentKey, String name, boolean isPrivate) {
    note(incidentKey, facts("openChannel", true, "private", isPrivate, "channel", name));
    return new Channel(null, name);
  }

  @Override
  public String post(String incidentKey, String channel, String text) {
    note(incidentKey, facts("post", true, "channel", channel, "text", text));
    return null;
  }

  @Override
  public void setTopic(String incidentKey, String channel, String topic) {
    note(incidentKey, facts("topic", true, "channel", channel, "text", topic));
  }

  @Override
  public void invite(String incidentKey, String channel, List<String> emails) {
    note(incidentKey, facts("invite", true, "channel", channel, "people", String.join(", ", emails)));
  }

  @Override
  public void archive(String incidentKey, String channel) {
    note(incidentKey, facts("archive", true, "channel", channel));
  }

  @Override
  public String directMessage(String incidentKey, String email, String text) {
    note(incidentKey, facts("directMessage", true, "people", email, "text", text));
    return null;
  }

  /** One line per would-be call, worded by {@code timeline-slack-not-configured} (one section per call). */
  private void note(String incidentKey, Map<String, Object> facts) {
    String text = timeline.add(incidentKey, TimelineKind.NOT_CONFIGURED, "slack", "slack-not-configured", facts);
    log.info("{}: {}", incidentKey, text);
  }
}
