package io.firebreak.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bot scopes the Slack adapter ({@code SlackChat}, used by pages in {@code DirectPaging}) and the
 * slash command need are in the README's app manifest and in the operator's guide alike, so an app
 * created from either can do every call Firebreak makes.
 */
class SlackScopesDocumentedTest {

  /** conversations.create/setTopic/invite/archive/list/open, chat.postMessage, users.lookupByEmail, /incident. */
  private static final List<String> NEEDED = List.of("commands", "chat:write", "chat:write.public",
      "channels:manage", "groups:write", "channels:read", "groups:read", "users:read", "users:read.email", "im:write");

  @Test
  void theReadmeManifestListsEveryBotScope() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    Matcher bot = Pattern.compile("(?s)scopes:\\s*\\n\\s*bot:\\s*\\n(.*?)\\nsettings:").matcher(readme);
    assertThat(bot.find()).as("README has an app manifest with bot scopes").isTrue();
    List<String> listed = bot.group(1).lines().map(l -> l.replaceAll("#.*", "").strip())
        .filter(l -> l.startsWith("- ")).map(l -> l.substring(2).strip()).toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(NEEDED);
  }

  @Test
  void theOperatorsGuideListsTheSameScopes() throws IOException {
    String guide = Files.readString(Path.of("docs/operators.md"));
    String slack = guide.substring(guide.indexOf("### Slack"), guide.indexOf("### Email"));
    for (String scope : NEEDED) {
      assertThat(slack).as("docs/operators.md, Slack section").contains("`" + scope + "`");
    }
  }
}
