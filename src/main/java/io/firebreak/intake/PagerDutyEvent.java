package io.firebreak.intake;

import static io.firebreak.intake.AlertmanagerWebhook.appendLine;
import static io.firebreak.intake.AlertmanagerWebhook.firstOf;
import static io.firebreak.intake.Json.text;
import static io.firebreak.intake.Json.truncate;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.incident.IncidentDeclaration;
import io.firebreak.incident.IncidentDeclaration.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a PagerDuty Events API v2 event ({@code trigger}, {@code acknowledge}, {@code resolve}) as
 * PagerDuty documents it: {@code payload.summary/source/severity} required for a trigger,
 * {@code dedup_key} required for the others and generated for a trigger without one.
 */
final class PagerDutyEvent {

  static final String SOURCE = "pagerduty";
  static final int MAX_DEDUP_KEY = 255;
  private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  record Parsed(String action, String dedupKey, AlertIntake.Delivery delivery) {}

  private PagerDutyEvent() {}

  static Parsed parse(byte[] body) {
    JsonNode root = Json.object(body);
    List<FieldError> errors = new ArrayList<>();
    String action = text(root, "event_action", "event_action", errors);
    if (action == null) {
      errors.add(new FieldError("event_action", "is required: trigger, acknowledge or resolve"));
    } else if (!ACTIONS.contains(action)) {
      errors.add(new FieldError("event_action", "must be trigger, acknowledge or resolve"));
    }
    text(root, "routing_key", "routing_key", errors);
    String dedupKey = text(root, "dedup_key", "dedup_key", errors);
    if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
      errors.add(new FieldError("dedup_key", "must be at most " + MAX_DEDUP_KEY + " characters"));
    }
    if (dedupKey == null && action != null && !"trigger".equals(action) && ACTIONS.contains(action)) {
      errors.add(new FieldError("dedup_key", "is required to " + action));
    }
    String client = text(root, "client", "client", errors);
    String clientUrl = text(root, "client_url", "client_url", errors);
    JsonNode payload = root.get("payload");
    String summary = null;
    String source = null;
    String severity = null;
    String component = null;
    String group = null;
    String eventClass = null;
    String details = null;
    if ("trigger".equals(action)) {
      if (payload == null || payload.isNull()) {
        errors.add(new FieldError("payload", "is required to trigger"));
      } else if (!payload.isObject()) {
        errors.add(new FieldError("payload", "must be an object"));
      } else {
        summary = text(payload, "summary", "payload.summary", errors);
        source = text(payload, "source", "payload.source", errors);
        severity = text(payload, "severity", "payload.severity", errors);
        component = text(payload, "component", "payload.component", errors);
        group = text(payload, "group", "payload.group", errors);
        eventClass = text(payload, "class", "payload.class", errors);
        if (summary == null) {
          errors.add(new FieldError("payload.summary", "is required"));
        }
        if (source == null) {
          errors.add(new FieldError("payload.source", "is required"));
        }
        if (severity == null) {
          errors.add(new FieldError("payload.severity", "is required: critical, error, warning or info"));
        } else if (!SEVERITIES.contains(severity.toLowerCase(Locale.ROOT))) {
          errors.add(new FieldError("payload.severity", "must be critical, error, warning or info"));
        }
        JsonNode custom = payload.get("custom_details");
        if (custom != null && !custom.isNull()) {
          details = custom.isObject() ? customDetails(custom) : Json.clean(custom.isValueNode() ? custom.asText() : custom.toString());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new BadPayload("invalid_request", errors);
    }
    String key = dedupKey != null ? dedupKey : UUID.randomUUID().toString().replace("-", "");
    String actor = truncate(client != null ? "pagerduty:" + client : SOURCE, 100);
    IncidentDeclaration declaration = null;
    List<String> notes;
    if ("trigger".equals(action)) {
      String sev = severity.toLowerCase(Locale.ROOT);
      StringBuilder description = new StringBuilder();
      appendLine(description, "Source", source);
      appendLine(description, "Component", component);
      appendLine(description, "Group", group);
      appendLine(description, "Class", eventClass);
      appendLine(description, "Severity", sev);
      appendLine(description, "Details", details);
      appendLine(description, "Client", firstOf(clientUrl, client));
      declaration = new IncidentDeclaration(
          truncate(summary.strip().replaceAll("\\s+", " "), IncidentDeclaration.MAX_TITLE),
          truncate(description.toString().strip(), IncidentDeclaration.MAX_DESCRIPTION),
          truncate(firstOf(component, group), IncidentDeclaration.MAX_SHORT),
          // No type in a PagerDuty event: the default of incident-types.
          null,
          IncidentDeclaration.UNKNOWN_SEVERITY,
          false,
          SOURCE,
          SOURCE,
          // Only the shape is checked here (one of PagerDuty's four values); what it means is the
          // DMN incident-severity's business.
          sev);
      notes = List.of(truncate("trigger (dedup_key " + key + ", " + sev + "): " + summary
          + (clientUrl == null ? "" : " <" + clientUrl + ">"), 2000));
    } else {
      notes = List.of(truncate(action + " (dedup_key " + key + ")" + (clientUrl == null ? "" : " <" + clientUrl + ">"), 2000));
    }
    return new Parsed(action, key, new AlertIntake.Delivery(SOURCE, key, declaration, actor, notes));
  }

  private static String customDetails(JsonNode custom) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) custom::fields) {
      JsonNode v = e.getValue();
      sb.append("\n  ").append(Json.clean(e.getKey())).append(": ")
          .append(Json.clean(v.isValueNode() ? v.asText() : v.toString()).strip());
    }
    return sb.toString();
  }
}
