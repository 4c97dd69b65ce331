package io.firebreak.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
    // call(SlackMethod.CONVERSATIONS_CREATE, () -> slack.conversationsCreate(...)): the method named
    // must be the one called, else its scopes are not the ones the call needs.
    String adapter = Files.readString(Path.of("src/main/java/io/firebreak/comms/SlackChat.java"));
    Matcher declared = Pattern.compile("\\bcall\\(SlackMethod\\.(\\w+),\\s*\\(\\)\\s*->\\s*slack\\.(\\w+)\\(")
        .matcher(adapter);
    Set<SlackMethod> used = EnumSet.noneOf(SlackMethod.class);
    int calls = 0;
    while (declared.find()) {
      SlackMethod method = SlackMethod.valueOf(declared.group(1));
      assertThat(method.id).as("SlackChat calls slack.%s as %s", declared.group(2), method)
          .isEqualTo(methodId(declared.group(2)));
      used.add(method);
      calls++;
    }
    // Every call of the Slack client goes through call(SlackMethod, ...), so none escapes the table.
    Matcher anyCall = Pattern.compile("\\bslack\\.(\\w+)\\(").matcher(adapter);
    int all = 0;
    while (anyCall.find()) {
      all++;
    }
    assertThat(calls).as("Slack calls in SlackChat made through call(SlackMethod, ...)").isEqualTo(all).isPositive();
    assertThat(used).as("SlackMethod lists only methods SlackChat calls").containsExactlyInAnyOrder(SlackMethod.values());
  }

  /** {@code conversationsSetTopic} → {@code conversations.setTopic}. */
  private static String methodId(String clientMethod) {
    Matcher parts = Pattern.compile("([a-z]+)([A-Z]\\w*)").matcher(clientMethod);
    assertThat(parts.matches()).as("a Slack client method: %s", clientMethod).isTrue();
    return parts.group(1) + "." + Character.toLowerCase(parts.group(2).charAt(0)) + parts.group(2).substring(1);
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
