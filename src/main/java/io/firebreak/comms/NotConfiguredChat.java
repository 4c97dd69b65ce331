package io.firebreak.comms;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentTimeline;
import java.util.List;

/**
 * The chat adapter while no Slack token is configured: nothing is sent; the incident timeline and
 * the log say what would have been, clearly as not sent.
 */
class NotConfiguredChat implements ChatPort {

  private final NotConfigured notes;

  NotConfiguredChat(IncidentTimeline timeline) {
    this.notes = new NotConfigured(timeline, "slack", NotConfiguredChat.class);
  }

  @Override
  public Channel openChannel(String incidentKey, String name, boolean isPrivate) {
    notes.note(incidentKey, facts("openChannel", true, "private", isPrivate, "channel", name));
    return new Channel(null, name);
  }

  @Override
  public String post(String incidentKey, String channel, String text) {
    notes.note(incidentKey, facts("post", true, "channel", channel, "text", text));
    return null;
  }

  @Override
  public void setTopic(String incidentKey, String channel, String topic) {
    notes.note(incidentKey, facts("topic", true, "channel", channel, "text", topic));
  }

  @Override
  public void invite(String incidentKey, String channel, List<String> emails) {
    notes.note(incidentKey, facts("invite", true, "channel", channel, "people", String.join(", ", emails)));
  }

  @Override
  public void archive(String incidentKey, String channel) {
    notes.note(incidentKey, facts("archive", true, "channel", channel));
  }

  @Override
  public String directMessage(String incidentKey, String email, String text) {
    notes.note(incidentKey, facts("directMessage", true, "people", email, "text", text));
    return null;
  }
}
