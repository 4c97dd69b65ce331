package io.firebreak.comms;

import java.util.List;

/**
 * Where incident conversations happen (Slack). Every method is called from its own async step,
 * wrapped in {@link Deliveries} so that a retried step does not repeat what already reached Slack.
 * A {@code channel} argument is a channel id or, when none is known, a channel name.
 */
public interface ChatPort {

  /** A channel: Slack's id ({@code null} when nothing was opened) and its name as people see it. */
  record Channel(String id, String name) {}

  /** Opens (or, when a channel of that name exists already, reuses) the incident channel. */
  Channel openChannel(String incidentKey, String name, boolean isPrivate);

  /**
   * Posts a message (Slack mrkdwn, user text already escaped), as Block Kit sections with the text
   * as notification fallback.
   *
   * @return the message's id in the channel (Slack {@code ts}), or {@code null} when not sent
   */
  String post(String incidentKey, String channel, String text);

  /** Sets the channel topic (plain text). */
  void setTopic(String incidentKey, String channel, String topic);

  /** Invites people, given by email address, to a channel; people already in it are fine. */
  void invite(String incidentKey, String channel, List<String> emails);

  /** Archives a channel once the incident is closed; an archived one stays archived. */
  void archive(String incidentKey, String channel);

  /**
   * Sends a direct message to the person with this email address.
   *
   * @return the message's id, or {@code null} when not sent (nobody in Slack has that address, or
   *     Slack is not configured)
   */
  String directMessage(String incidentKey, String email, String text);
}
