package io.firebreak.intake;

import static io.firebreak.intake.Json.text;
import static io.firebreak.intake.Json.truncate;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.incident.IncidentDeclaration;
import io.firebreak.incident.IncidentDeclaration.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Prometheus Alertmanager webhook (version 4) and Grafana's superset of it (its
 * {@code title}, {@code message}, {@code state}, {@code orgId}, {@code values}, dashboard links)
 * into a {@link AlertIntake.Delivery}. Unknown fields are ignored; {@code alerts} and a status are
 * required, and so is {@code groupKey}, the alert group (missing, null or empty is a 400).
 */
final class AlertmanagerWebhook {

  static final String SOURCE = "alertmanager";

  /** The delivery and whether its group is firing (else resolved). */
  record Parsed(boolean firing, AlertIntake.Delivery delivery) {}

  private AlertmanagerWebhook() {}

  static Parsed parse(byte[] body) {
    JsonNode root = Json.object(body);
    List<FieldError> errors = new ArrayList<>();
    boolean grafana = root.has("orgId") || root.has("state") || "1".equals(root.path("version").asText());
    String sender = grafana ? "grafana" : SOURCE;

    String status = status(text(root, "status", "status", errors), text(root, "state", "state", errors));
    if (status == null) {
      errors.add(new FieldError("status", "is required: firing or resolved"));
    }
    JsonNode alertsNode = root.get("alerts");
    List<Alert> alerts = new ArrayList<>();
    if (alertsNode == null || alertsNode.isNull()) {
      errors.add(new FieldError("alerts", "is required: a non-empty array of alerts"));
    } else if (!alertsNode.isArray()) {
      errors.add(new FieldError("alerts", "must be an array"));
    } else if (alertsNode.isEmpty()) {
      errors.add(new FieldError("alerts", "must not be empty"));
    } else {
      for (int i = 0; i < alertsNode.size(); i++) {
        JsonNode a = alertsNode.get(i);
        String path = "alerts[" + i + "]";
        if (!a.isObject()) {
          errors.add(new FieldError(path, "must be an object"));
          continue;
        }
        String alertStatus = status(text(a, "status", path + ".status", errors), null);
        alerts.add(new Alert(
            alertStatus == null ? status : alertStatus,
            Json.strings(a, "labels", path + ".labels", errors),
            Json.strings(a, "annotations", path + ".annotations", errors),
            text(a, "startsAt", path + ".startsAt", errors),
            text(a, "generatorURL", path + ".generatorURL", errors),
            text(a, "dashboardURL", path + ".dashboardURL", errors),
            text(a, "fingerprint", path + ".fingerprint", errors)));
      }
    }
    Json.strings(root, "groupLabels", "groupLabels", errors); // checked, not used: groupKey names the group
    Map<String, String> commonLabels = Json.strings(root, "commonLabels", "commonLabels", errors);
    Map<String, String> commonAnnotations = Json.strings(root, "commonAnnotations", "commonAnnotations", errors);
    String groupKey = text(root, "groupKey", "groupKey", errors);
    String receiver = text(root, "receiver", "receiver", errors);
    String grafanaTitle = text(root, "title", "title", errors);
    String grafanaMessage = text(root, "message", "message", errors);
    if (groupKey == null && !root.path("groupKey").isContainerNode()) {
      // Alertmanager and Grafana always send it; guessing one from labels would merge unrelated groups.
      errors.add(new FieldError("groupKey", "is required (not empty): it tells alert groups apart"));
    }
    if (!errors.isEmpty()) {
      throw new BadPayload("invalid_request", errors);
    }

    boolean firing = "firing".equals(status);
    List<Alert> relevant = alerts.stream().filter(a -> a.status().equals(status)).toList();
    if (relevant.isEmpty()) {
      relevant = alerts;
    }
    Alert first = relevant.get(0);
    Map<String, String> labels = new LinkedHashMap<>(commonLabels);
    first.labels().forEach(labels::putIfAbsent);
    Map<String, String> annotations = new LinkedHashMap<>(commonAnnotations);
    first.annotations().forEach(annotations::putIfAbsent);

    String title = firstOf(annotations.get("summary"), grafanaTitle, labels.get("alertname"), "Alert from " + sender);
    StringBuilder description = new StringBuilder();
    appendLine(description, null, firstOf(annotations.get("description"), grafanaMessage));
    appendLine(description, "Alert", labels.get("alertname"));
    appendLine(description, "SLO", labels.get("slo"));
    appendLine(description, "Runbook", annotations.get("runbook_url"));
    appendLine(description, "Source", first.generatorUrl());
    appendLine(description, "Dashboard", first.dashboardUrl());
    appendLine(description, "Alerts in group", relevant.size() + " " + status);

    // Raw signals: what a severity label (critical, warning, sev2, ...) means is the DMN
    // incident-severity's business, and which types exist is incident-types' (AlertIntake).
    String severityLabel = labels.get("severity");
    String type = firstOf(labels.get("incident_type"), labels.get("type"));
    IncidentDeclaration declaration = new IncidentDeclaration(
        truncate(title.strip().replaceAll("\\s+", " "), IncidentDeclaration.MAX_TITLE),
        truncate(description.toString().strip(), IncidentDeclaration.MAX_DESCRIPTION),
        truncate(labels.get("service"), IncidentDeclaration.MAX_SHORT),
        truncate(type, IncidentDeclaration.MAX_SHORT),
        IncidentDeclaration.UNKNOWN_SEVERITY,
        "true".equalsIgnoreCase(labels.get("customer_impact")),
        sender,
        sender,
        truncate(severityLabel, IncidentDeclaration.MAX_SHORT));
    List<String> notes = relevant.stream().map(a -> note(a, status)).toList();
    return new Parsed(firing, new AlertIntake.Delivery(SOURCE, groupKey, declaration,
        receiver == null ? sender : truncate(sender + ":" + receiver, 100), notes));
  }

  private record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
      String generatorUrl, String dashboardUrl, String fingerprint) {}

  /** firing/resolved from Alertmanager's status or Grafana's legacy state (alerting/ok). */
  private static String status(String status, String state) {
    String s = status != null ? status : state;
    if (s == null) {
      return null;
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "firing", "alerting" -> "firing";
      case "resolved", "ok" -> "resolved";
      default -> null;
    };
  }

  private static String note(Alert a, String groupStatus) {
    String what = firstOf(a.labels().get("alertname"), "alert") + " " + a.status()
        + (a.fingerprint() == null ? "" : " (fingerprint " + a.fingerprint() + ")")
        + (a.startsAt() == null ? "" : " since " + a.startsAt());
    String summary = a.annotations().get("summary");
    String link = firstOf(a.generatorUrl(), a.dashboardUrl());
    return truncate(what + (summary == null ? "" : ": " + summary) + (link == null ? "" : " <" + link + ">"), 2000);
  }

  /** {@code label: value} as one line of a description; nothing when the value is blank. */
  static void appendLine(StringBuilder sb, String label, String value) {
    if (value != null && !value.isBlank()) {
      sb.append(label == null ? "" : label + ": ").append(value).append('\n');
    }
  }

  static String firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

}
