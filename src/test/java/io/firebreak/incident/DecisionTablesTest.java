package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decision tables as process owners ship them: processes/incident-types.dmn,
 * incident-severity.dmn and response-plan.dmn, and the forms' type options kept in step with the
 * types.
 */
class DecisionTablesTest {

  static DmnEngine dmn;
  static DmnDecision severity;
  static DmnDecision plan;
  static DmnDecision types;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/incident-severity.dmn"))) {
      severity = dmn.parseDecision(DeclarationProcess.DECISION_SEVERITY, in);
    }
    try (InputStream in = Files.newInputStream(Path.of("processes/response-plan.dmn"))) {
      plan = dmn.parseDecision(DeclarationProcess.DECISION_RESPONSE_PLAN, in);
    }
    try (InputStream in = Files.newInputStream(Path.of("processes/incident-types.dmn"))) {
      types = dmn.parseDecision(IncidentTypes.DECISION, in);
    }
  }

  /** The rows of incident-types as the running application reads them. */
  static List<Map<String, Object>> typeRows() {
    return dmn.evaluateDecisionTable(types, Map.of()).getResultList();
  }

  static List<String> typeIds() {
    return typeRows().stream().map(r -> (String) r.get("type")).toList();
  }

  @Test
  void theShippedTypesAreTheSeedsSetWithOtherAsDefault() {
    assertThat(typeIds()).containsExactly("outage", "degradation", "security", "information-governance",
        "clinical-safety", "other");
    assertThat(typeRows()).filteredOn(r -> Boolean.TRUE.equals(r.get("isDefault")))
        .extracting(r -> r.get("type")).containsExactly("other");
    // Alerts and scripts that still send the old "data" keep working.
    assertThat(typeRows()).filteredOn(r -> "information-governance".equals(r.get("type")))
        .extracting(r -> r.get("aliases")).containsExactly("data");
  }

  /**
   * Every form with a type select (field key incidentType) offers exactly the deployed types, labelled alike:
   * listed in the form (the start form, which no process can fill), or read from the task's {@code typeOptions},
   * which {@code formOptions.incidentTypes()} fills from this table (IncidentTriageProcessTest).
   */
  @Test
  void everyFormsTypeOptionsAreTheTypesOfTheTable() throws Exception {
    List<Map<String, String>> expected = typeRows().stream()
        .map(r -> Map.of("value", (String) r.get("type"), "label", (String) r.get("label"))).toList();
    ObjectMapper json = new ObjectMapper();
    List<String> checked = new ArrayList<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        for (JsonNode field : fields(json.readTree(form.toFile()))) {
          if (IncidentVariables.INCIDENT_TYPE.name().equals(field.path("key").asText()) && field.has("valuesKey")) {
            assertThat(field.get("valuesKey").asText()).as("type options key of %s", form).isEqualTo("typeOptions");
            checked.add(form.getFileName().toString());
          } else if (IncidentVariables.INCIDENT_TYPE.name().equals(field.path("key").asText())) {
            List<Map<String, String>> options = new ArrayList<>();
            field.path("values").forEach(v -> options.add(Map.of("value", v.path("value").asText(),
                "label", v.path("label").asText())));
            assertThat(options).as("type options of %s", form).isEqualTo(expected);
            if (field.has("defaultValue")) {
              assertThat(field.get("defaultValue").asText()).as("default type of %s", form).isEqualTo("other");
            }
            checked.add(form.getFileName().toString());
          }
        }
      }
    }
    assertThat(checked).contains("declare-incident.form", "triage-incident.form");
  }

  private static List<JsonNode> fields(JsonNode node) {
    List<JsonNode> all = new ArrayList<>();
    node.path("components").forEach(c -> {
      all.add(c);
      all.addAll(fields(c));
    });
    return all;
  }

  private static String severity(String proposed, String type, boolean impact, String alert, String source) {
    Map<String, Object> in = new HashMap<>();
    in.put("proposedSeverity", proposed);
    in.put("incidentType", type);
    in.put("customerImpact", impact);
    in.put("alertSeverity", alert);
    in.put("source", source);
    return dmn.evaluateDecisionTable(severity, in).getSingleResult().getSingleEntry();
  }

  @ParameterizedTest(name = "{0} {1} impact={2} alert={3} via {4} -> {5}")
  @CsvSource(nullValues = "null", value = {
      "SEV4,    outage,                 true,  critical, api,          SEV4",  // the reporter's choice is kept; triage confirms
      "SEV2,    other,                  false, null,     api,          SEV2",
      "unknown, security,               true,  null,     api,          SEV1",
      "unknown, information-governance, false, null,     tasklist,     SEV2",
      "unknown, clinical-safety,        true,  null,     slack,        SEV1",
      "unknown, clinical-safety,        false, null,     api,          SEV2",
      "unknown, other,                  true,  critical, alertmanager, SEV1",
      "unknown, other,                  false, critical, alertmanager, SEV2",
      "unknown, other,                  false, page,     grafana,      SEV2",
      "unknown, outage,                 true,  null,     api,          SEV1",
      "unknown, degradation,            true,  null,     api,          SEV2",
      "unknown, other,                  false, warning,  alertmanager, SEV3",
      "unknown, outage,                 false, null,     api,          SEV2",
      "unknown, degradation,            false, null,     api,          SEV3",
      "unknown, other,                  false, info,     alertmanager, SEV4",
      "unknown, other,                  false, null,     api,          SEV3",  // not sure: full response, triage may lower it
      // sevN labels are rows of the table, not a shortcut in Java; they come before type and impact
      "unknown, other,                  false, sev1,     alertmanager, SEV1",
      "unknown, security,               true,  sev4,     alertmanager, SEV4",
      "unknown, other,                  true,  sev5,     grafana,      SEV5",
      // PagerDuty's four values: error is what Alertmanager's PagerDuty receiver sends for paging alerts
      "unknown, other,                  false, critical, pagerduty,    SEV2",
      "unknown, other,                  false, error,    pagerduty,    SEV2",
      "unknown, other,                  false, warning,  pagerduty,    SEV3",
      "unknown, other,                  false, info,     pagerduty,    SEV4",
      // an Alertmanager label "error" means nothing special
      "unknown, other,                  false, error,    alertmanager, SEV3",
  })
  void severityFromSignals(String proposed, String type, boolean impact, String alert, String source, String expected) {
    assertThat(severity(proposed, type, impact, alert, source)).isEqualTo(expected);
  }

  private static DmnDecisionRuleResult plan(String severity, String type) {
    return dmn.evaluateDecisionTable(plan, Map.of("severity", severity, "incidentType", type)).getSingleResult();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      // sev, type,                  full,  update, ack, escalation, postmortem, statusPage, private, regulator, chain, confidential, broadcast
      "SEV1, outage,                 true,  15,   5,   60,  true,  true,  false, 0,  'on-call,incident-commanders,leadership', false, true",
      "SEV2, other,                  true,  30,  10,  120,  true,  true,  false, 0,  'on-call,incident-commanders,leadership', false, true",
      "SEV3, outage,                 true,  60,  15,    0,  true,  false, false, 0,  'on-call,incident-commanders', false, true",
      "SEV4, outage,                 false, 240, 60,    0,  false, false, false, 0,  'on-call', false, true",
      "SEV5, other,                  false, 1440, 240,  0,  false, false, false, 0,  'on-call', false, true",
      "SEV1, security,               true,  15,   5,   60,  true,  true,  true,  72, 'on-call,incident-commanders,leadership', true, false",
      "SEV3, security,               true,  60,  15,    0,  true,  false, true,  72, 'on-call,incident-commanders', true, false",
      "SEV2, information-governance, true,  30,  10,  120,  true,  true,  true,  72, 'on-call,incident-commanders,leadership', true, true",
      "SEV3, information-governance, true,  60,  15,    0,  true,  false, true,  72, 'on-call,incident-commanders', true, true",
      "SEV1, data,                   true,  15,   5,   60,  true,  true,  true,  72, 'on-call,incident-commanders,leadership', true, true",
      "SEV1, clinical-safety,        true,  15,   5,   60,  true,  true,  false, 0,  'on-call,incident-commanders,leadership', true, true",
      "SEV3, clinical-safety,        true,  60,  15,    0,  true,  false, false, 0,  'on-call,incident-commanders,leadership', true, true",
      "SEV1, degradation,            true,  15,   5,   60,  true,  true,  false, 0,  'on-call,incident-commanders,leadership', false, true",
      "SEV2, a-type-without-rows,    true,  30,  10,  120,  true,  true,  false, 0,  'on-call,incident-commanders,leadership', false, true",
  })
  void responsePlan(String sev, String type, boolean full, int update, int ack, int escalation, boolean postmortem,
      boolean statusPage, boolean privateChannel, int regulator, String chain, boolean confidential, boolean broadcast) {
    DmnDecisionRuleResult p = plan(sev, type);
    assertThat((Boolean) p.get("fullResponse")).isEqualTo(full);
    assertThat(((Number) p.get("updateIntervalMinutes")).intValue()).isEqualTo(update);
    assertThat(((Number) p.get("ackTimeoutMinutes")).intValue()).isEqualTo(ack);
    assertThat(((Number) p.get("escalationTimeoutMinutes")).intValue()).isEqualTo(escalation);
    assertThat((Boolean) p.get("postmortemRequired")).isEqualTo(postmortem);
    assertThat((Boolean) p.get("statusPageRequired")).isEqualTo(statusPage);
    assertThat((Boolean) p.get("privateChannel")).isEqualTo(privateChannel);
    assertThat(((Number) p.get("regulatorDeadlineHours")).intValue()).isEqualTo(regulator);
    assertThat((String) p.get("escalationChain")).isEqualTo(chain);
    assertThat((Boolean) p.get("confidential")).isEqualTo(confidential);
    assertThat((Boolean) p.get("broadcast")).isEqualTo(broadcast);
  }

  /**
   * The working-hours input: outside the owning team's hours a SEV3 outage, degradation or other
   * pages at the start of the next working day; SEV1-2 and sensitive types page now; an evaluation
   * without the input (a service not in the catalog, a caller that does not set it) pages now.
   */
  @ParameterizedTest(name = "{0} {1} insideWorkingHours={2} -> defer {3}")
  @CsvSource({
      "SEV1, outage,                 false, false",
      "SEV2, degradation,            false, false",
      "SEV3, outage,                 false, true",
      "SEV3, degradation,            false, true",
      "SEV3, other,                  false, true",
      "SEV3, outage,                 true,  false",
      "SEV3, security,               false, false",
      "SEV3, information-governance, false, false",
      "SEV3, clinical-safety,        false, false",
      "SEV1, security,               false, false",
  })
  void workingHoursDecideWhenTheFirstPageGoesOut(String sev, String type, boolean inside, boolean defer) {
    DmnDecisionRuleResult p = dmn.evaluateDecisionTable(plan,
        Map.of("severity", sev, "incidentType", type, "insideWorkingHours", inside)).getSingleResult();
    assertThat((Boolean) p.get("deferPagingUntilWorkingHours")).isEqualTo(defer);
    // Apart from when to page, the plan outside hours is the plan inside hours.
    Map<String, Object> rest = new java.util.HashMap<>(p.getEntryMap());
    Map<String, Object> insideRest = new java.util.HashMap<>(dmn.evaluateDecisionTable(plan,
        Map.of("severity", sev, "incidentType", type, "insideWorkingHours", true)).getSingleResult().getEntryMap());
    rest.remove("deferPagingUntilWorkingHours");
    insideRest.remove("deferPagingUntilWorkingHours");
    assertThat(rest).isEqualTo(insideRest);
  }

  @org.junit.jupiter.params.provider.ValueSource(strings = {"SEV1", "SEV2", "SEV3"})
  @ParameterizedTest
  void withoutTheWorkingHoursInputThePlanPagesNow(String sev) {
    assertThat((Boolean) plan(sev, "outage").get("deferPagingUntilWorkingHours")).isFalse();
  }

  /**
   * The maintenance input: a SEV3 outage, degradation or other on a service in a planned maintenance
   * window pages nobody (the owning team handles it as a minor incident); SEV1-2 and sensitive types
   * respond in full; outside a window (false, or the input not given) the plan is unchanged.
   */
  @ParameterizedTest(name = "{0} {1} inMaintenance={2} -> full {3}")
  @CsvSource({
      "SEV3, outage,                 true,  false",
      "SEV3, degradation,            true,  false",
      "SEV3, other,                  true,  false",
      "SEV3, outage,                 false, true",
      "SEV2, outage,                 true,  true",
      "SEV1, outage,                 true,  true",
      "SEV3, security,               true,  true",
      "SEV3, information-governance, true,  true",
      "SEV3, clinical-safety,        true,  true",
      "SEV4, outage,                 true,  false",
  })
  void aPlannedMaintenanceWindowLowersThePaging(String sev, String type, boolean inMaintenance, boolean full) {
    DmnDecisionRuleResult p = dmn.evaluateDecisionTable(plan,
        Map.of("severity", sev, "incidentType", type, "inMaintenance", inMaintenance)).getSingleResult();
    assertThat((Boolean) p.get("fullResponse")).isEqualTo(full);
    if (!inMaintenance || full) {
      // Nothing but the maintenance row changes the plan: as without the input.
      assertThat(p.getEntryMap()).isEqualTo(plan(sev, type).getEntryMap());
    } else {
      assertThat(p.values()).doesNotContainNull();
      assertThat((String) p.get("escalationChain")).isEqualTo("on-call");
    }
  }

  /** Every type of incident-types has a plan at every severity, with every output set. */
  @Test
  void everySeverityAndTypeHasACompletePlan() {
    for (String sev : IncidentDeclaration.SEVERITIES) {
      for (String type : typeIds()) {
        Map<String, Object> p = dmn.evaluateDecisionTable(plan, Map.of("severity", sev, "incidentType", type))
            .getFirstResult();
        assertThat(p).as("plan for %s %s", sev, type).isNotNull();
        assertThat(p.values()).as("plan for %s %s", sev, type).doesNotContainNull();
      }
    }
  }

  /** Response-plan and incident-severity name only types (or aliases: "data" of running incidents) that incident-types has. */
  @Test
  void theOtherTablesNameOnlyDeployedTypes() throws Exception {
    List<String> known = new ArrayList<>(typeIds());
    typeRows().stream().map(r -> (String) r.get("aliases")).filter(a -> a != null)
        .forEach(a -> known.addAll(List.of(a.split(","))));
    for (String file : List.of("processes/response-plan.dmn", "processes/incident-severity.dmn")) {
      String xml = Files.readString(Path.of(file));
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(
          "<inputEntry id=\"InputEntry_[A-Za-z0-9]+_1\"><text>([^<]+)</text>").matcher(xml);
      while (m.find()) {
        for (String entry : m.group(1).split(",")) {
          assertThat(known).as("type %s in %s", entry, file).contains(entry.replace("&quot;", "").strip());
        }
      }
    }
  }
}
