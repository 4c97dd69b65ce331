package io.firebreak.comms;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every Slack Web API method {@link SlackChat} calls, with the bot scopes it needs: the one place
 * that says which scopes a Slack app for Firebreak must have (the docs' manifest is checked
 * against it). A call to a method not listed here cannot be written, since {@code SlackChat.call}
 * takes one of these.
 */
enum SlackMethod {
  CONVERSATIONS_CREATE("conversations.create", "channels:manage", "groups:write"),
  CONVERSATIONS_SET_TOPIC("conversations.setTopic", "channels:manage", "groups:write"),
  CONVERSATIONS_INVITE("conversations.invite", "channels:manage", "groups:write"),
  CONVERSATIONS_ARCHIVE("conversations.archive", "channels:manage", "groups:write"),
  CONVERSATIONS_LIST("conversations.list", "channels:read", "groups:read"),
  CONVERSATIONS_OPEN("conversations.open", "im:write"),
  // chat:write.public: posting to public channels the bot has not joined (the broadcast channel).
  CHAT_POST_MESSAGE("chat.postMessage", "chat:write", "chat:write.public"),
  USERS_LOOKUP_BY_EMAIL("users.lookupByEmail", "users:read", "users:read.email");

  /** The scope of the {@code /incident} slash command (intake), which no Web API call needs. */
  static final String SLASH_COMMAND_SCOPE = "commands";

  final String id;
  final List<String> scopes;

  SlackMethod(String id, String... scopes) {
    this.id = id;
    this.scopes = List.of(scopes);
  }

  /** Every bot scope Firebreak needs: the methods' and the slash command's. */
  static Set<String> botScopes() {
    Set<String> all = new TreeSet<>();
    Arrays.stream(values()).forEach(m -> all.addAll(m.scopes));
    all.add(SLASH_COMMAND_SCOPE);
    return all;
  }
}
