package io.firebreak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Boots Firebreak on a real port with its job executor and drives an incident from
 * {@code POST /api/incidents} to "Incident closed" through the HTTP API only: Firebreak's API for
 * declaring and reading, the Camunda REST API for the user tasks, as Tasklist would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
abstract class IncidentLifecycleScenario {

  @LocalServerPort int port;
  Http admin;

  @BeforeEach
  void client() {
    admin = new Http(port, "admin", "test-admin");
  }

  @Test
  void anIncidentRunsFromTheApiToIncidentClosed() throws Exception {
    Http.Response declared = admin.postJson("/api/incidents", Map.of(
        "title", "Checkout returns 500 for EU customers",
        "description", "Since 14:02, 30% of EU checkouts fail",
        "service", "checkout",
        "type", "outage",
        "proposedSeverity", "SEV2",
        "customerImpact", true));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    String key = declared.json().get("key").asText();
    assertThat(key).matches("INC-\\d+");
    assertThat(declared.headers().firstValue("Location")).hasValue("/api/incidents/" + key);
    assertThat(declared.json().get("severity").asText()).isEqualTo("SEV2");
    assertThat(declared.json().get("fullResponse").asBoolean()).isTrue();

    admin.completeTask(key, "Task_AcknowledgePage", Map.of());
    admin.completeTask(key, "Task_TriageIncident", Map.of(
        "confirmedSeverity", "SEV2", "incidentType", "outage", "customerImpact", true,
        "commsLead", "admin", "scribe", "admin", "customerLiaison", "admin"));
    admin.completeTask(key, "Task_PublishCustomerStatement", Map.of("customerStatement", "Some EU payments fail; we are on it."));
    admin.completeTask(key, "Task_InvestigateIncident", Map.of("findings", "Bad config push to the EU gateway",
        "thirdPartyInvolved", false));
    admin.completeTask(key, "Task_MitigateImpact", Map.of("mitigationSummary", "Rolled back the config"));
    admin.completeTask(key, "Task_ResolveIncident", Map.of("resolutionSummary", "Config rolled back, error rate normal"));
    admin.completeTask(key, "Task_ChoosePostmortemAuthor", Map.of("postmortemAuthor", "admin"));
    admin.completeTask(key, "Task_WritePostmortem", Map.of("cause", "The config pipeline allowed an unvalidated push",
        "impact", "30% of EU checkouts failed for 40 minutes", "stepsTaken", "Detected by SLO alert; rolled back",
        "prevention", "Validate gateway config before push", "actionItems", ""));
    admin.completeTask(key, "Task_ReviewPostmortem", Map.of("postmortemApproved", true, "reviewComments", "Clear"));

    JsonNode incident = admin.awaitIncident(key, i -> "closed".equals(i.get("state").asText()));
    assertThat(incident.get("phase").asText()).isEqualTo("closed");
    assertThat(incident.get("roles").get("incidentCommander").asText()).isEqualTo("admin");
    assertThat(incident.get("resolvedAt").isNull()).isFalse();
    assertThat(incident.get("openTasks")).isEmpty();
    List<String> kinds = new ArrayList<>();
    incident.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
    assertThat(kinds).startsWith("DECLARED", "CLASSIFIED")
        .contains("PAGED", "ACKNOWLEDGED", "TRIAGED", "PHASE_TRIAGED", "ACTION_ITEMS")
        .endsWith("PHASE_CLOSED");
    // Nothing was sent for real: the timeline says so instead of pretending.
    assertThat(incident.get("timeline").toString()).contains("Slack not configured", "Email not configured",
        "Paging not configured");

    // Closed first, then the subscribers are told (an async step): the instance completes after that.
    Http.Response history = admin.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + key
        + "&processDefinitionKey=incident");
    for (int i = 0; i < 150 && !"COMPLETED".equals(history.json().get(0).get("state").asText()); i++) {
      Thread.sleep(200);
      history = admin.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + key
          + "&processDefinitionKey=incident");
    }
    assertThat(history.json().get(0).get("state").asText()).isEqualTo("COMPLETED");
    Http.Response ended = admin.get("/engine-rest/history/activity-instance?processInstanceId="
        + history.json().get(0).get("id").asText() + "&activityId=EndEvent_IncidentClosed");
    assertThat(ended.json()).hasSize(1);
  }
}
