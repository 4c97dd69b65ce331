package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.ResponseTimes;
import io.firebreak.incident.TestIncidents;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineKind;
import io.firebreak.oncall.EscalationProcess;
import io.firebreak.oncall.RecordingPaging.Page;
import io.firebreak.postmortem.PostmortemDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A process owner rewords Firebreak by dropping a template into {@code firebreak.templates.dir}:
 * the page subject and text, the timeline lines and the postmortem headings change at once, with
 * no restart and no Java change; without an override the shipped wording applies.
 */
class TemplateOverridesTest extends ProcessTest {

  static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("firebreak-templates");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void templatesDir(DynamicPropertyRegistry registry) {
    registry.add("firebreak.templates.dir", DIR::toString);
  }

  @Autowired PostmortemDocument postmortems;

  @AfterEach
  void removeOverrides() throws IOException {
    try (var files = Files.list(DIR)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
  }

  private static void override(String file, String text) {
    try {
      Files.writeString(DIR.resolve(file), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String shipped(String file) throws IOException {
    return Files.readString(Path.of("src/main/resources/messages", file), StandardCharsets.UTF_8);
  }

  /** Pages the first level for an incident declared without a service; returns the page. */
  private Page pageWithoutService(String title) {
    String key = TestIncidents.declared(incidents, title, null, "outage", "api", "SEV3");
    Map<String, Object> vars = new HashMap<>();
    vars.put(IncidentVariables.INCIDENT_KEY.name(), key);
    vars.put(IncidentVariables.TITLE.name(), title);
    vars.put(IncidentVariables.INCIDENT_TYPE.name(), "outage");
    vars.put(IncidentVariables.SEVERITY.name(), "SEV3");
    vars.put(IncidentVariables.CUSTOMER_IMPACT.name(), false);
    vars.put(IncidentVariables.FULL_RESPONSE.name(), true);
    vars.put(IncidentVariables.ACK_TIMEOUT_MINUTES.name(), 15);
    vars.put(IncidentVariables.ESCALATION_TIMEOUT_MINUTES.name(), 0);
    vars.put(IncidentVariables.ESCALATION_CHAIN.name(), "on-call,incident-commanders");
    engine.getRuntimeService().startProcessInstanceByKey(EscalationProcess.KEY, key, vars);
    runDueJobs(key);
    List<Page> pages = paging.pages.stream().filter(p -> p.incidentKey().equals(key)).toList();
    assertThat(pages).hasSize(1);
    return pages.get(0);
  }

  @Test
  void thePageSubjectAndTextComeFromTheTemplatesAndAPageWithoutAServiceSaysSo() {
    Page shipped = pageWithoutService("Checkout down");
    String key = shipped.incidentKey();
    assertThat(shipped.subject()).isEqualTo("[" + key + "][SEV3] Page: Checkout down");
    assertThat(shipped.text()).contains("are paged for an incident with no service named via")
        .doesNotContain("null");
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("PAGED")).extracting(TimelineEntry::text)
        .singleElement().asString().startsWith("Paged responders (");

    override("page.subject.mustache", "PAGE {{key}} ({{severity}}): {{title}} — {{#serviceName}}{{serviceName}}{{/serviceName}}{{^serviceName}}no service{{/serviceName}}");
    override("page.text.mustache", "Wake up, {{pagedName}}: {{title}}");
    override("timeline-paged.text.mustache", "Pager went off for {{pagedTarget}} at level {{escalationLevel}}");
    Page reworded = pageWithoutService("Search down");
    String next = reworded.incidentKey();
    assertThat(reworded.subject()).isEqualTo("PAGE " + next + " (SEV3): Search down — no service");
    assertThat(reworded.text()).isEqualTo("Wake up, responders: Search down");
    assertThat(incidents.timeline(next)).filteredOn(e -> e.kind().equals("PAGED")).extracting(TimelineEntry::text)
        .containsExactly("Pager went off for responders at level 1");
  }

  @Test
  void thePhaseLineIsWordedByItsTemplateAndResponseTimesStillFindTheMitigation() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("test-phases").camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("Task_Mitigate").camundaExpression("${incidentPhases.enter(execution, 'MITIGATED', 'Failover done')}")
        .endEvent().done();
    Deployment deployment = engine.getRepositoryService().createDeployment()
        .addModelInstance("test-phases.bpmn", model).deploy();
    try {
      String shipped = TestIncidents.register(incidents, "Payments slow", "degradation", true);
      engine.getRuntimeService().startProcessInstanceByKey("test-phases", shipped);
      assertThat(only(shipped, TimelineKind.PHASE_MITIGATED.name()).text())
          .isEqualTo("Phase: mitigated: Failover done");

      override("timeline-phase.text.mustache", "Now {{phase}}{{#detail}} ({{detail}}){{/detail}}");
      String key = TestIncidents.register(incidents, "Payments slow again", "degradation", true);
      ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("test-phases", key);
      assertThat(pi).isEnded();
      TimelineEntry line = only(key, "PHASE_MITIGATED");
      assertThat(line.text()).isEqualTo("Now mitigated (Failover done)");
      // Response times match the typed kind, not the wording.
      ResponseTimes times = ResponseTimes.of(incidents.find(key).orElseThrow(), incidents.timeline(key));
      assertThat(times.mitigated()).isEqualTo(line.at());
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void thePostmortemHeadingsAreTheTemplates() throws IOException {
    String key = TestIncidents.register(incidents, "Checkout fails", "outage", true);
    String shipped = postmortems.render(key);
    assertThat(shipped).contains("## Cause and contributing factors", "## Roles", "| Time to mitigate |",
        "- Reporter: support.sam");

    override("postmortem.md.mustache", shipped("postmortem.md.mustache")
        .replace("## Cause and contributing factors", "## Root cause")
        .replace("| Time to mitigate |", "| Time to fix |")
        .replace("- Reporter: {{reporter}}", "- Declared by: {{reporter}}"));
    String reworded = postmortems.render(key);
    assertThat(reworded).contains("## Root cause", "| Time to fix |", "- Declared by: support.sam")
        .doesNotContain("## Cause and contributing factors", "| Time to mitigate |");
  }

  private TimelineEntry only(String key, String kind) {
    List<TimelineEntry> entries = incidents.timeline(key).stream().filter(e -> e.kind().equals(kind)).toList();
    assertThat(entries).as("%s entries of %s", kind, key).hasSize(1);
    return entries.get(0);
  }
}
