package io.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recorded Alertmanager 0.25 webhooks against the booted application over real HTTP: one
 * incident per alert group, exact under 1,000 concurrent deliveries, resolution signalled and never
 * forced, a new incident once the old one closed. Each test gives the fixture a group key of its
 * own, because the application (and its database) is shared with the other tests of this context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
abstract class AlertDeduplicationScenario {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int DELIVERIES = 1000;
  static final int CLIENT_THREADS = 24;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  IntakeClient client;

  @BeforeEach
  void client() {
    client = new IntakeClient(port);
  }

  /** The recorded webhook with its own group key, and optionally other labels/summary. */
  static String webhook(String file, String groupKey, String severity, String summary) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(IntakeClient.fixture("alertmanager/" + file));
    root.put("groupKey", groupKey);
    for (JsonNode labels : List.of(root.get("commonLabels"), root.get("alerts").get(0).get("labels"))) {
      if (severity != null) {
        ((ObjectNode) labels).put("severity", severity);
      }
    }
    if (summary != null) {
      ((ObjectNode) root.get("commonAnnotations")).put("summary", summary);
      ((ObjectNode) root.get("alerts").get(0).get("annotations")).put("summary", summary);
    }
    return JSON.writeValueAsString(root);
  }

  static String groupKey() {
    return "{}:{alertname=\"SLOErrorBudgetBurnFast\", service=\"checkout\", test=\"" + UUID.randomUUID() + "\"}";
  }

  static JsonNode touched(Http.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("incidents")).as(r.body()).hasSize(1);
    return r.json().get("incidents").get(0);
  }

  @Test
  void firingDeclaresOneIncidentWithTheAlertsSignalsAndResolvedSuggestsResolution() throws Exception {
    String group = groupKey();
    JsonNode created = touched(client.alertmanager(webhook("slo-burn-firing.json", group, null, null)));
    assertThat(created.get("action").asText()).isEqualTo("created");
    String key = created.get("key").asText();

    JsonNode incident = client.incident(key);
    assertThat(incident.get("title").asText()).isEqualTo("checkout is burning its 99.9% error budget at >14.4x");
    assertThat(incident.get("service").asText()).isEqualTo("checkout");
    assertThat(incident.get("source").asText()).isEqualTo("alertmanager");
    // severity=critical without customer impact: the incident-severity DMN says SEV2 (full response).
    assertThat(incident.get("severity").asText()).isEqualTo("SEV2");
    assertThat(incident.get("fullResponse").asBoolean()).isTrue();
    assertThat(incident.get("description").asText())
        .contains("error ratio (10s) = 52.03%", "SLO: checkout-availability-99.9",
            "Runbook: http://127.0.0.1/runbooks/slo-burn", "Source: http://127.0.0.1:19090/graph?g0.expr=");
    assertThat(timeline(incident, "ALERT")).singleElement().asString()
        .contains("declared this incident", "SLOErrorBudgetBurnFast firing (fingerprint 99743c9f3854a587)",
            "<http://127.0.0.1:19090/graph?g0.expr=");

    JsonNode again = touched(client.alertmanager(webhook("slo-burn-firing.json", group, null, null)));
    assertThat(again.get("key").asText()).isEqualTo(key);
    assertThat(again.get("action").asText()).isEqualTo("attached");

    // Resolved while the incident is still in triage: recorded, nothing to suggest yet.
    JsonNode early = touched(client.alertmanager(webhook("slo-burn-resolved.json", group, null, null)));
    assertThat(early.get("action").asText()).isEqualTo("resolved-signal");
    assertThat(timeline(client.incident(key), "ALERT_RESOLVED")).singleElement().asString()
        .contains("nothing suggested, the incident is not remediating");

    client.completeTask(key, "Task_AcknowledgePage", Map.of());
    client.completeTask(key, "Task_TriageIncident", Map.of("confirmedSeverity", "SEV2", "incidentType", "degradation",
        "customerImpact", false, "commsLead", "admin", "scribe", "admin", "customerLiaison", "admin"));
    client.awaitTask(key, "Task_InvestigateIncident");

    JsonNode resolved = touched(client.alertmanager(webhook("slo-burn-resolved.json", group, null, null)));
    assertThat(resolved).isEqualTo(JSON.readTree("{\"key\":\"" + key + "\",\"action\":\"resolved-signal\"}"));
    JsonNode after = client.awaitIncident(key, i -> timeline(i, "ALERT_RESOLVED").size() == 2);
    assertThat(timeline(after, "ALERT_RESOLVED").get(1)).contains("resolution suggested to the incident commander",
        "SLOErrorBudgetBurnFast resolved");
    // The remediation suggested resolution (AlertResolved), and nothing was resolved by it.
    String remediation = client.admin.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + key
        + "&processDefinitionKey=incident-remediation").json().get(0).get("id").asText();
    client.awaitIncident(key, i -> client.admin.get("/engine-rest/history/activity-instance?processInstanceId="
        + remediation + "&activityId=EndEvent_ResolutionSuggested").json().size() == 1);
    JsonNode still = client.incident(key);
    assertThat(still.get("state").asText()).isEqualTo("open");
    assertThat(still.get("openTasks").toString()).contains("Task_InvestigateIncident");
  }

  @Test
  void firingAgainAfterTheIncidentClosedStartsANewIncident() throws Exception {
    String group = groupKey();
    // severity=sev4 proposes SEV4: the light path, which closes as soon as it is handled.
    String firing = webhook("slo-burn-firing.json", group, "sev4", null);
    JsonNode first = touched(client.alertmanager(firing));
    assertThat(first.get("action").asText()).isEqualTo("created");
    String key = first.get("key").asText();
    assertThat(client.incident(key).get("severity").asText()).isEqualTo("SEV4");
    assertThat(touched(client.alertmanager(firing)).get("key").asText()).isEqualTo(key);

    client.completeTask(key, "Task_HandleMinorIncident", Map.of("resolutionSummary", "Burn rate back to normal"));
    client.awaitIncident(key, i -> i.get("state").asText().equals("closed"));

    // Resolved after close: nothing is open for the group any more.
    Http.Response late = client.alertmanager(webhook("slo-burn-resolved.json", group, "sev4", null));
    assertThat(late.status()).isEqualTo(200);
    assertThat(late.json().get("incidents")).isEmpty();

    JsonNode second = touched(client.alertmanager(firing));
    assertThat(second.get("action").asText()).isEqualTo("created");
    String newKey = second.get("key").asText();
    assertThat(newKey).isNotEqualTo(key);
    JsonNode third = touched(client.alertmanager(firing));
    assertThat(third.get("key").asText()).isEqualTo(newKey);
    assertThat(third.get("action").asText()).isEqualTo("attached");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fb_alert_group WHERE group_key = ?", Integer.class, group))
        .isEqualTo(2);
  }

  @Test
  void theSameGroupDeliveredAThousandTimesInParallelYieldsOneIncidentAndTheRestAttach() throws Exception {
    String group = groupKey();
    String summary = "Concurrent burn " + UUID.randomUUID();
    String body = webhook("slo-burn-firing.json", group, null, summary);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
    long started = System.nanoTime();
    List<Future<Http.Response>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < DELIVERIES; i++) {
        futures.add(pool.submit(() -> client.alertmanager(body)));
      }
      List<Http.Response> responses = new ArrayList<>();
      for (Future<Http.Response> f : futures) {
        responses.add(f.get());
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("[dedup] %d deliveries of one group, %d client threads: %d ms (%.0f deliveries/s) on %s%n",
          DELIVERIES, CLIENT_THREADS, millis, DELIVERIES * 1000.0 / millis, getClass().getSimpleName());

      assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
      Map<String, Long> actions = responses.stream().map(AlertDeduplicationScenario::touched)
          .collect(Collectors.groupingBy(t -> t.get("action").asText(), Collectors.counting()));
      assertThat(actions).containsOnly(Map.entry("created", 1L), Map.entry("attached", (long) DELIVERIES - 1));
      assertThat(responses.stream().map(r -> touched(r).get("key").asText()).distinct()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    String key = touched(futures.get(0).get()).get("key").asText();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fb_incident WHERE title = ?", Integer.class, summary)).isEqualTo(1);
    assertThat(jdbc.queryForMap("SELECT COUNT(*) AS n, SUM(alert_count) AS alerts FROM fb_alert_group WHERE group_key = ?",
        group)).satisfies(row -> {
          assertThat(((Number) row.get("n")).intValue()).isEqualTo(1);
          assertThat(((Number) row.get("alerts")).intValue()).isEqualTo(DELIVERIES);
        });
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fb_timeline WHERE incident_key = ? AND kind = 'ALERT'",
        Integer.class, key)).isEqualTo(DELIVERIES);
  }

  static List<String> timeline(JsonNode incident, String kind) {
    List<String> texts = new ArrayList<>();
    incident.get("timeline").forEach(e -> {
      if (e.get("kind").asText().equals(kind)) {
        texts.add(e.get("text").asText());
      }
    });
    return texts;
  }
}
