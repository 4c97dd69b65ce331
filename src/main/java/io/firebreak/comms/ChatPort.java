package io.firebreak.comms;

import java.util.List;

/** Where incident conversations happen (Slack). Every method is called from its own async step. */
public interface ChatPort {

  /**
   * Opens (or, when it exists already, reuses) the incident channel.
   *
   * @return the channel's name as people see it
   */
  String openChannel(String incidentKey, String name, boolean isPrivate);

  /** Posts {@code text} (Slack mrkdwn, user text already escaped) to a channel by name. */
  void post(String incidentKey, String channel, String text);

  /** Invites people (Firebreak user ids) to a channel. */
  void invite(String incidentKey, String channel, List<String> userIds);

  /** Archives a channel once the incident is closed. */
  void archive(String incidentKey, String channel);
}
