package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every timeline wording the code names ({@code timeline.add(key, kind, actor, "<wording>", ...)})
 * has its shipped template {@code messages/timeline-<wording>.text.mustache}, so no line fails for
 * want of one on a path the other tests do not walk.
 */
class TimelineTemplatesTest {

  /** Calls that write a timeline line worded by name: directly, or through the channel-step skeleton. */
  private static final Pattern CALL = Pattern.compile(
      "(?:timeline\\.add|\\.inIncidentChannel|\\.skipped)\\(([^;]*?)facts\\b", Pattern.DOTALL);
  private static final Pattern LITERAL = Pattern.compile("\"([a-z0-9][a-z0-9-]*)\"");
  /** Actors, not wordings. */
  private static final Set<String> ACTORS = Set.of("firebreak", "slack", "email", "paging", "status-page");

  @Test
  void everyNamedTimelineWordingHasAShippedTemplate() throws IOException {
    List<String> wordings = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher call = CALL.matcher(Files.readString(file));
        while (call.find()) {
          Matcher literal = LITERAL.matcher(call.group(1));
          while (literal.find()) {
            if (!ACTORS.contains(literal.group(1))) {
              wordings.add(literal.group(1));
            }
          }
        }
      }
    }
    assertThat(wordings).as("wordings named in the code").hasSizeGreaterThan(20)
        .contains("phase", "paged", "nobody-to-invite", "no-channel-to-invite-to");
    // The not-configured adapters name theirs as "<channel>-not-configured" (comms.NotConfigured).
    for (String channel : List.of("slack", "email", "paging")) {
      wordings.add(channel + "-not-configured");
    }
    for (String wording : wordings) {
      assertThat(Path.of("src/main/resources/messages/timeline-" + wording + ".text.mustache"))
          .as("template of timeline wording %s", wording).isRegularFile();
    }
  }
}
