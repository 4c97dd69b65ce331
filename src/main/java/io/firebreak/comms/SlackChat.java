package io.firebreak.comms;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import io.firebreak.platform.FirebreakProperties;
import io.firebreak.platform.RetryLater;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack through the official client ({@code MethodsClient}) with the bot token
 * {@code firebreak.slack.token}, against {@code firebreak.slack.api-url}.
 *
 * <p>Rate limits: Slack answers 429 with {@code Retry-After}; the step fails at once with
 * {@link RetryLater}, so no job thread or database connection waits, and the job is due again after
 * {@code Retry-After} without using up a retry (the step is idempotent on retry: fb_delivery). Any
 * other failure (5xx, network, an error Slack names) fails the step, so the job is retried by its
 * retry cycle and, after its last retry, becomes an incident in Cockpit.
 */
class SlackChat implements ChatPort {

  private static final Logger log = LoggerFactory.getLogger(SlackChat.class);
  /** Slack channel, group and DM ids. */
  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");
  /** A section's text may hold at most 3000 characters. */
  private static final int SECTION_MAX = 3000;

  private final MethodsClient slack;

  SlackChat(FirebreakProperties.Slack properties) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(properties.apiUrl().endsWith("/") ? properties.apiUrl() : properties.apiUrl() + "/");
    config.setStatsEnabled(false);
    config.setPrettyResponseLoggingEnabled(false);
    this.slack = Slack.getInstance(config).methods(properties.token());
  }

  @Override
  public Channel openChannel(String incidentKey, String name, boolean isPrivate) {
    ConversationsCreateResponse created = call(SlackMethod.CONVERSATIONS_CREATE,
        () -> slack.conversationsCreate(r -> r.name(name).isPrivate(isPrivate)), Set.of("name_taken"));
    if (created.isOk()) {
      log.info("{}: opened {}channel #{} ({})", incidentKey, isPrivate ? "private " : "", name, created.getChannel().getId());
      return new Channel(created.getChannel().getId(), name);
    }
    // name_taken: the channel exists (an earlier attempt whose marker was lost, or made by hand): reuse it.
    String id = find(name);
    log.info("{}: channel #{} exists already ({}), reusing it", incidentKey, name, id);
    return new Channel(id, name);
  }

  @Override
  public String post(String incidentKey, String channel, String text) {
    String target = channel;
    return call(SlackMethod.CHAT_POST_MESSAGE,
        () -> slack.chatPostMessage(r -> r.channel(target).text(text).blocks(sections(text)).unfurlLinks(false)),
        Set.of()).getTs();
  }

  @Override
  public void setTopic(String incidentKey, String channel, String topic) {
    String id = id(channel);
    call(SlackMethod.CONVERSATIONS_SET_TOPIC, () -> slack.conversationsSetTopic(r -> r.channel(id).topic(topic)), Set.of());
  }

  @Override
  public void invite(String incidentKey, String channel, List<String> emails) {
    String id = id(channel);
    List<String> users = new ArrayList<>();
    for (String email : emails) {
      String user = lookUp(email);
      if (user == null) {
        log.warn("{}: no Slack user with the address {}; not invited to #{}", incidentKey, email, channel);
      } else {
        users.add(user);
      }
    }
    // One by one: Slack rejects a whole batch when one person is in the channel already.
    for (String user : users) {
      call(SlackMethod.CONVERSATIONS_INVITE, () -> slack.conversationsInvite(r -> r.channel(id).users(List.of(user))),
          Set.of("already_in_channel", "cant_invite_self"));
    }
  }

  @Override
  public void archive(String incidentKey, String channel) {
    String id = id(channel);
    call(SlackMethod.CONVERSATIONS_ARCHIVE, () -> slack.conversationsArchive(r -> r.channel(id)), Set.of("already_archived"));
  }

  @Override
  public String directMessage(String incidentKey, String email, String text) {
    String user = lookUp(email);
    if (user == null) {
      // Not a failure to retry: the person is not in this workspace. The caller notes it.
      log.warn("{}: no Slack user with the address {}; no direct message", incidentKey, email);
      return null;
    }
    String dm = call(SlackMethod.CONVERSATIONS_OPEN, () -> slack.conversationsOpen(r -> r.users(List.of(user))), Set.of())
        .getChannel().getId();
    return post(incidentKey, dm, text);
  }

  /** Slack user id for an email address, {@code null} when the workspace has nobody with it. */
  private String lookUp(String email) {
    var found = call(SlackMethod.USERS_LOOKUP_BY_EMAIL, () -> slack.usersLookupByEmail(r -> r.email(email)), Set.of("users_not_found"));
    return found.isOk() ? found.getUser().getId() : null;
  }

  private String id(String channel) {
    String name = channel.startsWith("#") ? channel.substring(1) : channel;
    return CHANNEL_ID.matcher(name).matches() ? name : find(name);
  }

  /** The id of a channel by name, public or private (the bot must be in a private one). */
  private String find(String name) {
    String cursor = null;
    do {
      String page = cursor;
      ConversationsListResponse list = call(SlackMethod.CONVERSATIONS_LIST, () -> slack.conversationsList(r -> r
          .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
          .excludeArchived(true).limit(1000).cursor(page)), Set.of());
      for (Conversation c : list.getChannels()) {
        if (name.equals(c.getName())) {
          return c.getId();
        }
      }
      cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
    } while (cursor != null && !cursor.isEmpty());
    throw new IllegalStateException("Slack has no channel #" + name + " that the bot can see");
  }

  /** Block Kit: one mrkdwn section per paragraph, each within Slack's size limit. */
  static List<LayoutBlock> sections(String text) {
    List<LayoutBlock> blocks = new ArrayList<>();
    for (String paragraph : text.split("\n\\s*\n")) {
      for (int start = 0; start < paragraph.length(); start += SECTION_MAX) {
        String part = paragraph.substring(start, Math.min(paragraph.length(), start + SECTION_MAX));
        if (!part.isBlank()) {
          blocks.add(SectionBlock.builder().text(MarkdownTextObject.builder().text(part).build()).build());
        }
      }
    }
    return blocks;
  }

  @FunctionalInterface
  interface SlackCall<T> {
    T run() throws IOException, SlackApiException;
  }

  /**
   * Calls Slack; {@code ok: false} with an error other than the {@code tolerated} ones fails the
   * step, a 429 fails it with {@link RetryLater} for {@code Retry-After}.
   */
  private <T extends SlackApiTextResponse> T call(SlackMethod method, SlackCall<T> call, Set<String> tolerated) {
    try {
      T response = call.run();
      if (!response.isOk() && !tolerated.contains(response.getError())) {
        throw new SlackException(method.id + " failed: " + response.getError());
      }
      return response;
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      if (status == 429) {
        Duration retryAfter = retryAfter(e.getResponse().header("Retry-After"));
        log.info("Slack rate limit on {}: the step is tried again in {} s (Retry-After)", method.id, retryAfter.toSeconds());
        throw new RetryLater(method.id + " rate-limited by Slack; tried again after " + retryAfter.toSeconds()
            + " s (Retry-After)", retryAfter);
      }
      throw new SlackException(method.id + " failed: HTTP " + status
          + (e.getError() != null && e.getError().getError() != null ? " " + e.getError().getError() : ""));
    } catch (IOException e) {
      throw new UncheckedIOException(method.id + " failed: " + e.getMessage(), e);
    }
  }

  static Duration retryAfter(String header) {
    try {
      return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "1" : header.strip())));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }

  /** Slack refused or failed a call; the step fails and is retried. */
  static class SlackException extends RuntimeException {
    SlackException(String message) {
      super(message);
    }
  }
}
