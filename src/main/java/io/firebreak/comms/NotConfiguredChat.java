package io.firebreak.comms;

import io.firebreak.incident.IncidentRepository;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat adapter while no Slack token is configured: nothing is sent; the incident timeline and
 * the log say what would have been, clearly as not sent.
 */
class NotConfiguredChat implements ChatPort {

  static final String KIND = "NOT_CONFIGURED";
  private static final Logger log = LoggerFactory.getLogger(NotConfiguredChat.class);
  private static final String HINT = "Slack not configured (set FIREBREAK_SLACK_TOKEN)";

  private final IncidentRepository incidents;

  NotConfiguredChat(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public Channel openChannel(String incidentKey, String name, boolean isPrivate) {
    note(incidentKey, HINT + ": no " + (isPrivate ? "private " : "") + "channel #" + name + " opened");
    return new Channel(null, name);
  }

  @Override
  public String post(String incidentKey, String channel, String text) {
    note(incidentKey, HINT + ": not posted to #" + channel + ": " + text);
    return null;
  }

  @Override
  public void setTopic(String incidentKey, String channel, String topic) {
    note(incidentKey, HINT + ": topic of #" + channel + " not set to: " + topic);
  }

  @Override
  public void invite(String incidentKey, String channel, List<String> emails) {
    note(incidentKey, HINT + ": " + String.join(", ", emails) + " not invited to #" + channel);
  }

  @Override
  public void archive(String incidentKey, String channel) {
    note(incidentKey, HINT + ": #" + channel + " not archived");
  }

  @Override
  public String directMessage(String incidentKey, String email, String text) {
    note(incidentKey, HINT + ": no direct message to " + email + ": " + text);
    return null;
  }

  private void note(String incidentKey, String text) {
    log.info("{}: {}", incidentKey, text);
    incidents.addTimeline(incidentKey, KIND, "slack", text);
  }
}
