package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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

/** The decision tables as process owners ship them: processes/incident-severity.dmn and response-plan.dmn. */
class DecisionTablesTest {

  static DmnEngine dmn;
  static DmnDecision severity;
  static DmnDecision plan;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/incident-severity.dmn"))) {
      severity = dmn.parseDecision(DeclarationProcess.DECISION_SEVERITY, in);
    }
    try (InputStream in = Files.newInputStream(Path.of("processes/response-plan.dmn"))) {
      plan = dmn.parseDecision(DeclarationProcess.DECISION_RESPONSE_PLAN, in);
    }
  }

  private static String severity(String proposed, String type, boolean impact, String alert) {
    Map<String, Object> in = new HashMap<>();
    in.put("proposedSeverity", proposed);
    in.put("incidentType", type);
    in.put("customerImpact", impact);
    in.put("alertSeverity", alert);
    return dmn.evaluateDecisionTable(severity, in).getSingleResult().getSingleEntry();
  }

  @ParameterizedTest(name = "{0} {1} impact={2} alert={3} -> {4}")
  @CsvSource(nullValues = "null", value = {
      "SEV4,    outage,      true,  critical, SEV4",  // the reporter's choice is kept; triage confirms
      "SEV2,    other,       false, null,     SEV2",
      "unknown, security,    true,  null,     SEV1",
      "unknown, data,        false, null,     SEV2",
      "unknown, other,       true,  critical, SEV1",
      "unknown, other,       false, critical, SEV2",
      "unknown, other,       false, page,     SEV2",
      "unknown, outage,      true,  null,     SEV1",
      "unknown, degradation, true,  null,     SEV2",
      "unknown, other,       false, warning,  SEV3",
      "unknown, outage,      false, null,     SEV2",
      "unknown, degradation, false, null,     SEV3",
      "unknown, other,       false, info,     SEV4",
      "unknown, other,       false, null,     SEV3",  // not sure: full response, triage may lower it
  })
  void severityFromSignals(String proposed, String type, boolean impact, String alert, String expected) {
    assertThat(severity(proposed, type, impact, alert)).isEqualTo(expected);
  }

  private static DmnDecisionRuleResult plan(String severity, String type) {
    return dmn.evaluateDecisionTable(plan, Map.of("severity", severity, "incidentType", type)).getSingleResult();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      // sev, type,     full,  update, ack, escalation, postmortem, statusPage, private, regulator, chain
      "SEV1, outage,   true,  15,   5,   60,  true,  true,  false, 0,  'on-call,incident-commanders,leadership'",
      "SEV2, other,    true,  30,  10,  120,  true,  true,  false, 0,  'on-call,incident-commanders,leadership'",
      "SEV3, outage,   true,  60,  15,    0,  true,  false, false, 0,  'on-call,incident-commanders'",
      "SEV4, outage,   false, 240, 60,    0,  false, false, false, 0,  'on-call'",
      "SEV5, other,    false, 1440, 240,  0,  false, false, false, 0,  'on-call'",
      "SEV1, security, true,  15,   5,   60,  true,  true,  true,  72, 'on-call,incident-commanders,leadership'",
      "SEV2, data,     true,  30,  10,  120,  true,  true,  true,  72, 'on-call,incident-commanders,leadership'",
      "SEV3, security, true,  60,  15,    0,  true,  false, true,  72, 'on-call,incident-commanders'",
  })
  void responsePlan(String sev, String type, boolean full, int update, int ack, int escalation, boolean postmortem,
      boolean statusPage, boolean privateChannel, int regulator, String chain) {
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
  }

  @Test
  void everySeverityAndTypeHasAPlan() {
    for (String sev : IncidentDeclaration.SEVERITIES) {
      for (String type : IncidentDeclaration.TYPES) {
        assertThat(dmn.evaluateDecisionTable(plan, Map.of("severity", sev, "incidentType", type)).getResultList())
            .as("plan for %s %s", sev, type).isNotEmpty();
      }
    }
  }
}
