package io.firebreak.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The learning loop over real HTTP against the booted application (job executor on, H2): after a
 * scripted run of two incidents the metrics at {@code /actuator/prometheus} are present and agree
 * with the incidents' history; the postmortem Markdown and the action-item backlog (JSON and CSV)
 * are served to authenticated users only; every process instance of an incident carries the
 * business key and the title Cockpit shows. Run against H2 ({@link LearningLoopApplicationTest})
 * and PostgreSQL ({@link PostgresLearningLoopTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true", "firebreak.metrics.cache-seconds=0"})
@AutoConfigureObservability
abstract class LearningLoopScenario {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService management;
  Http admin;

  @BeforeEach
  void client() {
    admin = new Http(port, "admin", "test-admin");
  }

  @Test
  void metricsAgreeWithHistoryAfterAScriptedRun() throws Exception {
    String major = declare("Checkout returns 500", "SEV2");
    String minor = declare("Typo on the pricing page", "SEV4");
    admin.completeTask(major, "Task_AcknowledgePage", Map.of());
    admin.completeTask(minor, "Task_HandleMinorIncident", Map.of("resolutionSummary", "Typo fixed"));
    JsonNode majorIncident = admin.awaitIncident(major, i -> kinds(i).contains("ACKNOWLEDGED"));
    JsonNode minorIncident = admin.awaitIncident(minor, i -> "closed".equals(i.get("state").asText()));
    // A job whose retries are used up (as an outside call that kept failing would leave it).
    Job timer = management.createJobQuery().processDefinitionKey(ReviewProcess.KEY).singleResult();
    management.setJobRetries(timer.getId(), 0);

    Http.Response anonymous = new Http(port, null, null).get("/actuator/prometheus");
    assertThat(anonymous.status()).isEqualTo(401);
    Http.Response scrape = admin.get("/actuator/prometheus");
    assertThat(scrape.status()).isEqualTo(200);
    String body = scrape.body();

    // Every incident in the read model (the other test of this class may add one).
    double declared = admin.get("/api/incidents?limit=500").json().get("incidents").size();
    assertThat(declared).isGreaterThanOrEqualTo(2.0);
    assertThat(value(body, "firebreak_incidents_declared_total")).isEqualTo(declared);
    assertThat(value(body, "firebreak_incidents_open{severity=\"SEV2\"}")).isEqualTo(1.0);
    assertThat(value(body, "firebreak_incidents_open{severity=\"SEV4\"}")).isEqualTo(0.0);
    assertThat(value(body, "firebreak_incidents_open{severity=\"SEV1\"}")).isEqualTo(0.0);
    long pages = kinds(majorIncident).stream().filter("PAGED"::equals).count()
        + kinds(minorIncident).stream().filter("PAGED"::equals).count();
    assertThat(pages).isPositive();
    assertThat(value(body, "firebreak_pages_total")).isEqualTo((double) pages);
    assertThat(value(body, "firebreak_acknowledgements_total")).isEqualTo(1.0);
    assertThat(value(body, "firebreak_time_to_acknowledge_seconds_count")).isEqualTo(1.0);
    assertThat(value(body, "firebreak_time_to_acknowledge_seconds_sum"))
        .isCloseTo(seconds(majorIncident.get("declaredAt").asText(), at(majorIncident, "ACKNOWLEDGED")), within(0.001));
    assertThat(value(body, "firebreak_time_to_resolve_seconds_count")).isEqualTo(1.0);
    assertThat(value(body, "firebreak_time_to_resolve_seconds_sum"))
        .isCloseTo(seconds(minorIncident.get("declaredAt").asText(), minorIncident.get("resolvedAt").asText()), within(0.001));
    assertThat(value(body, "firebreak_jobs_failed")).isEqualTo(1.0);
    assertThat(value(body, "firebreak_camunda_incidents_open")).as("the failed job is a Camunda incident").isEqualTo(1.0);
    assertThat(value(body, "firebreak_jobs_due")).isGreaterThanOrEqualTo(0.0);
    management.setJobRetries(timer.getId(), 3);
    String after = admin.get("/actuator/prometheus").body();
    assertThat(value(after, "firebreak_jobs_failed")).isEqualTo(0.0);
    assertThat(value(after, "firebreak_camunda_incidents_open")).isEqualTo(0.0);

    // Cockpit: every process instance of the incident shows its business key and has the title.
    JsonNode instances = admin.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + major).json();
    assertThat(instances.size()).isGreaterThan(2);
    for (JsonNode instance : instances) {
      JsonNode title = admin.get("/engine-rest/history/variable-instance?variableName=title&processInstanceId="
          + instance.get("id").asText()).json();
      assertThat(title).as("title of %s", instance.get("processDefinitionKey").asText()).isNotEmpty();
      assertThat(title.get(0).get("value").asText()).isEqualTo("Checkout returns 500");
    }

    // The postmortem document, prefilled from history.
    Http.Response md = admin.get("/api/incidents/" + minor + "/postmortem.md");
    assertThat(md.status()).isEqualTo(200);
    assertThat(md.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/markdown"));
    assertThat(md.body()).startsWith("# Postmortem " + minor + ": Typo on the pricing page\n")
        .contains("| Severity | SEV4 |", "## Timeline", "| DECLARED | admin |", "**Resolution:** Typo fixed");
    assertThat(new Http(port, null, null).get("/api/incidents/" + minor + "/postmortem.md").status()).isEqualTo(401);
    Http.Response missing = admin.get("/api/incidents/INC-999999/postmortem.md");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("error").asText()).isEqualTo("not_found");
  }

  @Autowired ResponseHistory history;

  /**
   * The response times behind the metrics are summed in SQL; they equal what {@link io.firebreak.incident.ResponseTimes}
   * computes from the incidents' timelines, on this database, including the legacy phase lines and
   * a resolution known only from the timeline.
   */
  @Test
  void responseTotalsSummedInSqlEqualTheTimelinesComputedOneByOne() {
    ResponseHistory.Totals before = history.totals();
    Instant t0 = Instant.parse("2020-03-01T10:00:00Z");
    try {
      synthetic("MET-1", 990001, t0, t0.plusSeconds(900));
      timeline("MET-1", t0.plusSeconds(60), "ACKNOWLEDGED", "Acknowledged");
      timeline("MET-1", t0.plusSeconds(300), "ACKNOWLEDGED", "Acknowledged again");
      synthetic("MET-2", 990002, t0.plusSeconds(3600), null);
      timeline("MET-2", t0.plusSeconds(3600 + 120), "ACKNOWLEDGED", "Acknowledged");
      timeline("MET-2", t0.plusSeconds(3600 + 1200), "PHASE", "Phase: resolved (legacy wording)");
      synthetic("MET-3", 990003, t0.plusSeconds(7200), null);
      timeline("MET-3", t0.plusSeconds(7200 + 600), "PHASE_RESOLVED", "Resolved");
      timeline("MET-3", t0.plusSeconds(7200 + 700), "PHASE_RESOLVED", "Resolved again");

      ResponseHistory.Totals totals = history.totals();
      assertThat(totals.declared() - before.declared()).isEqualTo(3);
      assertThat(totals.acknowledged() - before.acknowledged()).isEqualTo(2);
      assertThat(totals.ackSeconds() - before.ackSeconds()).isCloseTo(60 + 120, within(0.001));
      assertThat(totals.resolved() - before.resolved()).isEqualTo(3);
      assertThat(totals.resolveSeconds() - before.resolveSeconds()).isCloseTo(900 + 1200 + 600, within(0.001));

      // The same figures as ResponseTimes, incident by incident, over everything in the database.
      var all = history.declaredBetween(Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"));
      var acks = all.stream().map(i -> i.times().timeToAcknowledge()).filter(java.util.Objects::nonNull).toList();
      var resolves = all.stream().map(i -> i.times().timeToResolve()).filter(java.util.Objects::nonNull).toList();
      assertThat(totals.declared()).isEqualTo(all.size());
      assertThat(totals.acknowledged()).isEqualTo(acks.size());
      assertThat(totals.resolved()).isEqualTo(resolves.size());
      assertThat(totals.ackSeconds()).isCloseTo(acks.stream().mapToLong(Duration::toMillis).sum() / 1000.0, within(0.001 * all.size()));
      assertThat(totals.resolveSeconds()).isCloseTo(resolves.stream().mapToLong(Duration::toMillis).sum() / 1000.0,
          within(0.001 * all.size()));
    } finally {
      jdbc.update("DELETE FROM fb_timeline WHERE incident_key LIKE 'MET-%'");
      jdbc.update("DELETE FROM fb_incident WHERE incident_key LIKE 'MET-%'");
    }
  }

  private void synthetic(String key, long number, Instant declared, Instant resolved) {
    jdbc.update("INSERT INTO fb_incident (incident_key, incident_number, title, incident_type, customer_impact, source,"
            + " state, phase, declared_at, resolved_at, updated_at) VALUES (?, ?, ?, 'outage', FALSE, 'api', 'CLOSED',"
            + " 'CLOSED', ?, ?, ?)",
        key, number, "Synthetic " + key, java.sql.Timestamp.from(declared),
        resolved == null ? null : java.sql.Timestamp.from(resolved), java.sql.Timestamp.from(declared));
  }

  private void timeline(String key, Instant at, String kind, String text) {
    jdbc.update("INSERT INTO fb_timeline (incident_key, at, kind, actor, text) VALUES (?, ?, ?, 'firebreak', ?)",
        key, java.sql.Timestamp.from(at), kind, text);
  }

  @Test
  void actionItemBacklogIsJsonOrCsvAndPlanningItemsAreMarkedDone() {
    jdbc.update("INSERT INTO fb_incident (incident_key, incident_number, title, incident_type, customer_impact, source,"
        + " state, phase, declared_at, updated_at) VALUES ('INC-9001', 9001, 'Backlog <incident>', 'outage', false, 'api',"
        + " 'CLOSED', 'CLOSED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
    long planning = insertItem("Split \"payments\", carefully", "carol", LocalDate.of(2099, 6, 30), "planning", null);
    long formula = insertItem("=HYPERLINK(\"http://evil\")", "dave", LocalDate.of(2099, 7, 1), "planning", null);
    long assigned = insertItem("Add retries", "alice", LocalDate.of(2099, 1, 5), "now", "some-process-instance");

    JsonNode json = admin.get("/api/action-items?horizon=planning").json().get("actionItems");
    List<Long> ids = new ArrayList<>();
    json.forEach(i -> ids.add(i.get("id").asLong()));
    assertThat(ids).contains(planning, formula).doesNotContain(assigned);
    assertThat(json.get(ids.indexOf(planning)).get("incidentTitle").asText()).isEqualTo("Backlog <incident>");
    assertThat(json.get(ids.indexOf(planning)).get("status").asText()).isEqualTo("open");

    Http.Response csv = admin.send(admin.request("/api/action-items?horizon=planning").header("Accept", "text/csv").GET());
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.body()).startsWith("id,incident,incidentTitle,title,owner,kind,due,horizon,status,overdue,"
            + "completedAt,completedBy,outcome\r\n")
        .contains("\"" + planning + "\",\"INC-9001\",\"Backlog <incident>\",\"Split \"\"payments\"\", carefully\",\"carol\","
            + "\"prevent\",\"2099-06-30\",\"planning\",\"open\",\"false\",,,\r\n")
        .contains("\"'=HYPERLINK(\"\"http://evil\"\")\"")
        .doesNotContain("Add retries");
    assertThat(admin.get("/api/action-items?horizon=planning&format=csv").body()).isEqualTo(csv.body());

    Http.Response bad = admin.get("/api/action-items?horizon=someday");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("detail").asText()).isEqualTo("horizon: must be one of now, planning, all");

    Http.Response done = admin.postJson("/api/action-items/" + planning + "/done", Map.of("outcome", "Done in Q3"));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().get("status").asText()).isEqualTo("done");
    assertThat(done.json().get("completedBy").asText()).isEqualTo("admin");
    assertThat(admin.postJson("/api/action-items/" + planning + "/done", Map.of("outcome", "again")).status()).isEqualTo(409);
    assertThat(admin.postJson("/api/action-items/" + assigned + "/done", Map.of("outcome", "x")).status()).isEqualTo(409);
    assertThat(admin.postJson("/api/action-items/" + formula + "/done", Map.of()).status()).isEqualTo(400);
    assertThat(admin.postJson("/api/action-items/987654/done", Map.of("outcome", "x")).status()).isEqualTo(404);
    assertThat(admin.get("/api/action-items?status=done").json().get("actionItems")).extracting(i -> i.get("id").asLong())
        .contains(planning).doesNotContain(formula);
    assertThat(new Http(port, null, null).get("/api/action-items").status()).isEqualTo(401);
  }

  private long insertItem(String title, String owner, LocalDate due, String horizon, String processInstanceId) {
    jdbc.update("INSERT INTO fb_action_item (incident_key, title, owner, kind, due_date, horizon, status,"
        + " process_instance_id, created_at) VALUES ('INC-9001',?,?,'prevent',?,?,'open',?,CURRENT_TIMESTAMP)",
        title, owner, Date.valueOf(due), horizon, processInstanceId);
    return jdbc.queryForObject("SELECT MAX(id) FROM fb_action_item", Long.class);
  }

  /** The value of one sample, e.g. {@code firebreak_incidents_open{severity="SEV2"}}. */
  private static double value(String body, String sample) {
    String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
    String label = sample.contains("{") ? sample.substring(sample.indexOf('{') + 1, sample.length() - 1) : null;
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(body);
    while (m.find()) {
      if (label == null || (m.group(1) != null && m.group(1).contains(label))) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no sample " + sample + " in the scrape");
  }

  private static List<String> kinds(JsonNode incident) {
    List<String> kinds = new ArrayList<>();
    incident.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
    return kinds;
  }

  private static String at(JsonNode incident, String kind) {
    for (JsonNode e : incident.get("timeline")) {
      if (kind.equals(e.get("kind").asText())) {
        return e.get("at").asText();
      }
    }
    throw new AssertionError("no " + kind);
  }

  private static double seconds(String from, String to) {
    return Duration.between(Instant.parse(from), Instant.parse(to)).toMillis() / 1000.0;
  }

  private String declare(String title, String severity) {
    Http.Response declared = admin.postJson("/api/incidents", Map.of("title", title, "service", "checkout",
        "type", "outage", "proposedSeverity", severity));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    return declared.json().get("key").asText();
  }
}
