package io.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import io.firebreak.incident.TestIncidents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Planned maintenance over real HTTP: scheduled from the start form over {@code /engine-rest} (as
 * Tasklist submits it, refusals answered 400 with the sentence), then on the public page and in
 * Statuspage's JSON as scheduled, in progress (its component under maintenance, the page indicator
 * "maintenance") and, cancelled, completed and gone from upcoming and active. The title is
 * escaped in the HTML.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MaintenanceStatusPageApplicationTest {

  static final String TITLE = "<script>alert(1)</script> Database upgrade";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private Http.Response submit(Http http, Instant start, Instant end) {
    return http.postJson("/engine-rest/process-definition/key/maintenance/submit-form", Map.of("variables", Map.of(
        "maintenanceTitle", Map.of("value", TITLE),
        "maintenanceComponents", Map.of("value", "[\"Payments\"]"),
        "windowStart", Map.of("value", start.toString()),
        "windowEnd", Map.of("value", end.toString()),
        "customerText", Map.of("value", "Card payments may be declined for <b>10</b> minutes."),
        "maintenanceOwner", Map.of("value", ""))));
  }

  private JsonNode json(Http http, String doc) {
    Http.Response r = http.get("/status/api/v2/" + doc + ".json");
    assertThat(r.status()).isEqualTo(200);
    StatuspageShape.check(doc, r.json());
    return r.json();
  }

  private JsonNode only(JsonNode list) {
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  private static JsonNode component(JsonNode doc, String name) {
    for (JsonNode c : doc.get("components")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no component " + name + " in " + doc);
  }

  @Test
  void aMaintenanceIsScheduledInProgressAndCancelledOnThePageAndInStatuspageJson() {
    Http admin = new Http(port, "admin", "test-admin");
    Http anonymous = new Http(port, null, null);
    Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
    Instant end = start.plus(Duration.ofHours(1));

    Http.Response refused = submit(admin, end, start);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("type").asText()).isEqualTo("FormRejection");
    assertThat(refused.json().get("field").asText()).isEqualTo("Window end");
    assertThat(refused.json().get("message").asText()).startsWith("Window end: the window must end after it starts");

    Http.Response started = submit(admin, start, end);
    assertThat(started.status()).isEqualTo(200);
    String key = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(started.json().get("id").asText()).singleResult().getBusinessKey();
    // The window is sooner than the lead time (two days): announced at once.
    TestIncidents.runJobs(engine.getRuntimeService(), engine.getManagementService(), key);

    JsonNode upcoming = only(json(anonymous, "scheduled-maintenances/upcoming").get("scheduled_maintenances"));
    assertThat(upcoming.get("name").asText()).isEqualTo(TITLE);
    assertThat(upcoming.get("status").asText()).isEqualTo("scheduled");
    assertThat(Instant.parse(upcoming.get("scheduled_for").asText())).isEqualTo(start);
    assertThat(Instant.parse(upcoming.get("scheduled_until").asText())).isEqualTo(end);
    assertThat(upcoming.get("impact").asText()).isEqualTo("none");
    assertThat(upcoming.get("components")).extracting(c -> c.get("name").asText()).containsExactly("Payments");
    assertThat(only(upcoming.get("incident_updates")).get("body").asText())
        .isEqualTo("Card payments may be declined for <b>10</b> minutes.");
    assertThat(only(upcoming.get("incident_updates")).get("status").asText()).isEqualTo("scheduled");
    assertThat(json(anonymous, "scheduled-maintenances/active").get("scheduled_maintenances")).isEmpty();
    JsonNode summary = json(anonymous, "summary");
    assertThat(only(summary.get("scheduled_maintenances")).get("id").asText()).isEqualTo(upcoming.get("id").asText());
    assertThat(component(summary, "Payments").get("status").asText()).isEqualTo("operational");
    // Nothing internal: not the business key, not the owner.
    assertThat(anonymous.get("/status/api/v2/scheduled-maintenances.json").body()).doesNotContain(key, "admin");

    String html = anonymous.get("/status").body();
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; Database upgrade", "Scheduled",
        "Card payments may be declined for &lt;b&gt;10&lt;/b&gt; minutes.")
        .doesNotContain("<script>alert(1)</script>", "<b>10</b>", "No maintenance scheduled.");

    ClockUtil.setCurrentTime(Date.from(start.plusSeconds(1)));
    TestIncidents.runJobs(engine.getRuntimeService(), engine.getManagementService(), key);
    JsonNode active = only(json(anonymous, "scheduled-maintenances/active").get("scheduled_maintenances"));
    assertThat(active.get("status").asText()).isEqualTo("in_progress");
    assertThat(active.get("incident_updates")).extracting(u -> u.get("status").asText())
        .containsExactly("in_progress", "scheduled");
    assertThat(json(anonymous, "scheduled-maintenances/upcoming").get("scheduled_maintenances")).isEmpty();
    summary = json(anonymous, "summary");
    assertThat(component(summary, "Payments").get("status").asText()).isEqualTo("under_maintenance");
    assertThat(summary.get("status").get("indicator").asText()).isEqualTo("maintenance");
    assertThat(component(json(anonymous, "components"), "Payments").get("status").asText())
        .isEqualTo("under_maintenance");
    assertThat(anonymous.get("/status").body()).contains("Under maintenance", "In progress");

    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(5))));
    // Cancelling: not for everyone, then by the owner (admin, the starter).
    assertThat(new Http(port, null, null).postJson("/api/maintenances/" + key + "/cancel", Map.of()).status())
        .isEqualTo(401);
    assertThat(admin.postJson("/api/maintenances/MNT-NOSUCH/cancel", Map.of()).status()).isEqualTo(404);
    Http.Response cancelled = admin.postJson("/api/maintenances/" + key + "/cancel",
        Map.of("reason", "the upgrade was not needed"));
    assertThat(cancelled.status()).isEqualTo(200);
    TestIncidents.runJobs(engine.getRuntimeService(), engine.getManagementService(), key);
    assertThat(json(anonymous, "scheduled-maintenances/active").get("scheduled_maintenances")).isEmpty();
    assertThat(json(anonymous, "scheduled-maintenances/upcoming").get("scheduled_maintenances")).isEmpty();
    JsonNode all = only(json(anonymous, "scheduled-maintenances").get("scheduled_maintenances"));
    assertThat(all.get("status").asText()).isEqualTo("completed");
    assertThat(all.get("resolved_at").isNull()).isFalse();
    assertThat(all.get("incident_updates").get(0).get("body").asText())
        .isEqualTo("This scheduled maintenance has been cancelled: the upgrade was not needed");
    summary = json(anonymous, "summary");
    assertThat(summary.get("scheduled_maintenances")).isEmpty();
    assertThat(component(summary, "Payments").get("status").asText()).isEqualTo("operational");
    assertThat(summary.get("status").get("indicator").asText()).isEqualTo("none");
    assertThat(anonymous.get("/status").body()).contains("No maintenance scheduled.");
    assertThat(admin.postJson("/api/maintenances/" + key + "/cancel", Map.of()).status()).isEqualTo(404);
  }
}
