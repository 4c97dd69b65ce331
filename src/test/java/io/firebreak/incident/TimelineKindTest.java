package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TimelineKindTest {

  /** {@code incidentTimeline.note(execution, 'KIND', …)} and {@code .published(task.execution, 'KIND', …)} in a model. */
  private static final Pattern MODEL_KIND = Pattern.compile("incidentTimeline\\.(?:note|published)\\([^,]+,\\s*'([^']*)'");

  @Test
  void theShippedModelsWriteOnlyTypedKinds() throws IOException {
    Map<String, String> kinds = new TreeMap<>();
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        Matcher m = MODEL_KIND.matcher(Files.readString(model));
        while (m.find()) {
          kinds.put(m.group(1), model.getFileName().toString());
        }
      }
    }
    assertThat(kinds).as("the models name timeline kinds (else this test reads nothing)")
        .containsKeys("STATUS_UPDATE", "CUSTOMER_STATEMENT", "ESCALATION_EXHAUSTED");
    List<String> typed = Arrays.stream(TimelineKind.values()).map(Enum::name).toList();
    assertThat(kinds.keySet()).as("kinds written by %s", kinds).isSubsetOf(typed);
  }

  @Test
  void everyPhaseHasItsKindStoredAsBefore() {
    for (Incident.Phase phase : Incident.Phase.values()) {
      assertThat(TimelineKind.of(phase).name()).isEqualTo("PHASE_" + phase.name());
    }
  }
}
