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

  /** From the adapter: the scopes of every Slack method it calls, and the slash command's. */
  private static final List<String> NEEDED = List.copyOf(SlackMethod.botScopes());

  @Test
  void everySlackMethodTheAdapterCallsHasItsScopesListed() throws IOException {
    // slack.conversationsCreate(...) is the method conversations.create; each must be in SlackMethod.
    String adapter = Files.readString(Path.of("src/main/java/io/firebreak/comms/SlackChat.java"));
    Matcher call = Pattern.compile("\\bslack\\.([a-z]+)([A-Z]\\w*)\\(").matcher(adapter);
    List<String> listed = java.util.Arrays.stream(SlackMethod.values()).map(m -> m.id).toList();
    int calls = 0;
    while (call.find()) {
      String method = call.group(1) + "." + Character.toLowerCase(call.group(2).charAt(0)) + call.group(2).substring(1);
      assertThat(listed).as("SlackChat calls %s; add it with its scopes to SlackMethod", method).contains(method);
      calls++;
    }
    assertThat(calls).as("Slack calls found in SlackChat").isGreaterThanOrEqualTo(listed.size());
  }

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
