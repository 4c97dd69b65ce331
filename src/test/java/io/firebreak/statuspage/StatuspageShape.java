package io.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Atlassian Statuspage's v2 public API documents as its clients read them (field names, types and
 * the words of every enum, per https://metastatuspage.com/api/v2/): what a widget expects, checked
 * field by field so that a renamed field or a new word fails the test.
 */
final class StatuspageShape {

  static final Set<String> INDICATORS = Set.of("none", "minor", "major", "critical", "maintenance");
  static final Set<String> COMPONENT_STATUSES =
      Set.of("operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance");
  static final Set<String> INCIDENT_STATUSES = Set.of("investigating", "identified", "monitoring", "resolved", "postmortem");
  static final Set<String> IMPACTS = Set.of("none", "minor", "major", "critical");
  static final Set<String> MAINTENANCE_STATUSES = Set.of("scheduled", "in_progress", "verifying", "completed");

  private StatuspageShape() {}

  /** Checks the document served at {@code /status/api/v2/<doc>.json}. */
  static void check(String doc, JsonNode d) {
    page(d.get("page"));
    switch (doc) {
      case "summary" -> {
        fields(d, "page", "components", "incidents", "scheduled_maintenances", "status");
        status(d.get("status"));
        d.get("components").forEach(StatuspageShape::component);
        d.get("incidents").forEach(StatuspageShape::incident);
        d.get("scheduled_maintenances").forEach(StatuspageShape::maintenance);
      }
      case "status" -> {
        fields(d, "page", "status");
        status(d.get("status"));
      }
      case "components" -> {
        fields(d, "page", "components");
        d.get("components").forEach(StatuspageShape::component);
      }
      case "incidents", "incidents/unresolved" -> {
        fields(d, "page", "incidents");
        d.get("incidents").forEach(StatuspageShape::incident);
        if (doc.endsWith("unresolved")) {
          d.get("incidents").forEach(i -> assertThat(i.get("status").asText()).isIn("investigating", "identified", "monitoring"));
        }
      }
      case "scheduled-maintenances", "scheduled-maintenances/upcoming", "scheduled-maintenances/active" -> {
        fields(d, "page", "scheduled_maintenances");
        d.get("scheduled_maintenances").forEach(StatuspageShape::maintenance);
      }
      default -> throw new IllegalArgumentException(doc);
    }
  }

  static void page(JsonNode p) {
    fields(p, "id", "name", "url", "updated_at");
    text(p, "id", "name", "url");
    time(p, "updated_at", false);
  }

  static void status(JsonNode s) {
    fields(s, "indicator", "description");
    assertThat(s.get("indicator").asText()).isIn(INDICATORS);
    text(s, "description");
  }

  static void component(JsonNode c) {
    fields(c, "id", "name", "status", "created_at", "updated_at", "position", "description", "showcase",
        "start_date", "group_id", "page_id", "group", "only_show_if_degraded");
    text(c, "id", "name", "page_id");
    assertThat(c.get("status").asText()).isIn(COMPONENT_STATUSES);
    assertThat(c.get("position").isInt()).isTrue();
    assertThat(c.get("group").isBoolean()).isTrue();
    assertThat(c.get("showcase").isBoolean()).isTrue();
    assertThat(c.get("only_show_if_degraded").isBoolean()).isTrue();
    time(c, "created_at", false);
    time(c, "updated_at", false);
  }

  static void incident(JsonNode i) {
    fields(i, "id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at", "impact",
        "shortlink", "started_at", "page_id", "incident_updates", "components");
    text(i, "id", "name", "page_id");
    assertThat(i.get("status").asText()).isIn(INCIDENT_STATUSES);
    assertThat(i.get("impact").asText()).isIn(IMPACTS);
    time(i, "created_at", false);
    time(i, "updated_at", false);
    time(i, "started_at", false);
    time(i, "monitoring_at", true);
    time(i, "resolved_at", true);
    assertThat(i.get("incident_updates").isArray()).isTrue();
    for (JsonNode u : i.get("incident_updates")) {
      fields(u, "id", "status", "body", "incident_id", "created_at", "updated_at", "display_at",
          "affected_components", "deliver_notifications");
      assertThat(u.get("status").asText()).isIn(INCIDENT_STATUSES);
      assertThat(u.get("incident_id").asText()).isEqualTo(i.get("id").asText());
      text(u, "id", "body");
      time(u, "created_at", false);
      time(u, "display_at", false);
      for (JsonNode a : u.get("affected_components")) {
        fields(a, "code", "name", "old_status", "new_status");
        assertThat(a.get("old_status").asText()).isIn(COMPONENT_STATUSES);
        assertThat(a.get("new_status").asText()).isIn(COMPONENT_STATUSES);
      }
    }
    i.get("components").forEach(StatuspageShape::component);
  }

  static void maintenance(JsonNode m) {
    fields(m, "id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at", "impact",
        "shortlink", "started_at", "page_id", "incident_updates", "components", "scheduled_for", "scheduled_until");
    assertThat(m.get("status").asText()).isIn(MAINTENANCE_STATUSES);
    assertThat(m.get("impact").asText()).isIn(IMPACTS);
    time(m, "scheduled_for", false);
    time(m, "scheduled_until", false);
    m.get("components").forEach(StatuspageShape::component);
  }

  private static void fields(JsonNode node, String... names) {
    assertThat(node).as("a JSON object").isNotNull();
    assertThat(node.isObject()).isTrue();
    List<String> present = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(present::add);
    assertThat(present).as("fields of %s", node).contains(names);
  }

  private static void text(JsonNode node, String... names) {
    for (String n : names) {
      assertThat(node.get(n).isTextual()).as("%s is a string in %s", n, node).isTrue();
    }
  }

  private static void time(JsonNode node, String name, boolean nullable) {
    JsonNode t = node.get(name);
    if (nullable && t.isNull()) {
      return;
    }
    assertThat(t.isTextual()).as("%s is a time in %s", name, node).isTrue();
    OffsetDateTime.parse(t.asText());
  }
}
