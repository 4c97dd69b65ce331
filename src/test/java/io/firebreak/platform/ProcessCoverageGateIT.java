package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;

/**
 * The build's coverage gate: every process in {@code processes/} must have at least
 * {@code firebreak.coverage.minimum} (90 %) of its flow nodes executed by the process tests. Runs
 * in the integration-test phase, after the unit and process tests have written their
 * camunda-process-test-coverage reports, and names the nodes no test reached.
 */
class ProcessCoverageGateIT {

  private final Path reports = Path.of(System.getProperty("firebreak.coverage.dir", "target/process-test-coverage"));
  private final double minimum = Double.parseDouble(System.getProperty("firebreak.coverage.minimum", "0.90"));

  @Test
  void everyProcessIsCoveredByItsProcessTests() throws IOException {
    Map<String, Set<String>> covered = coveredFlowNodes();
    List<String> failures = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path bpmn : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(bpmn.toFile());
        String key = model.getModelElementsByType(Process.class).iterator().next().getId();
        Set<String> nodes = new TreeSet<>();
        model.getModelElementsByType(FlowNode.class).forEach(n -> nodes.add(n.getId()));
        Set<String> reached = covered.getOrDefault(key, Set.of());
        Set<String> missed = new TreeSet<>(nodes);
        missed.removeAll(reached);
        double ratio = (nodes.size() - missed.size()) / (double) nodes.size();
        System.out.printf("process coverage %-24s %5.1f %% of %d flow nodes%s%n", key, ratio * 100, nodes.size(),
            missed.isEmpty() ? "" : ", not reached: " + missed);
        if (ratio < minimum) {
          failures.add(String.format("%s: %.1f %% < %.0f %% (not reached: %s)", key, ratio * 100, minimum * 100, missed));
        }
      }
    }
    assertThat(failures).as("processes below the coverage minimum").isEmpty();
  }

  private Map<String, Set<String>> coveredFlowNodes() throws IOException {
    assertThat(reports).as("coverage reports of the process tests (run mvn verify)").isDirectory();
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> covered = new HashMap<>();
    try (Stream<Path> files = Files.walk(reports)) {
      for (Path report : files.filter(f -> f.getFileName().toString().equals("report.json")).toList()) {
        for (JsonNode suite : json.readTree(report.toFile()).path("suites")) {
          for (JsonNode run : suite.path("runs")) {
            for (JsonNode event : run.path("events")) {
              if ("FLOW_NODE".equals(event.path("source").asText())) {
                covered.computeIfAbsent(event.path("modelKey").asText(), k -> new HashSet<>())
                    .add(event.path("definitionKey").asText());
              }
            }
          }
        }
      }
    }
    return covered;
  }
}
