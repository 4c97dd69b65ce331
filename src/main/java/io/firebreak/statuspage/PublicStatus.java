package io.firebreak.statuspage;

import java.util.List;
import java.util.Locale;

/** Statuspage's words (v2 API) and their order of badness. */
final class PublicStatus {

  static final List<String> INCIDENT_STATUSES =
      List.of("investigating", "identified", "monitoring", "resolved", "postmortem");
  static final List<String> COMPONENT_STATUSES =
      List.of("operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage");
  static final List<String> IMPACTS = List.of("none", "minor", "major", "critical");
  static final List<String> MAINTENANCE_STATUSES = List.of("scheduled", "in_progress", "verifying", "completed");

  private PublicStatus() {}

  static String incidentStatus(String value) {
    String v = norm(value);
    return INCIDENT_STATUSES.contains(v) ? v : null;
  }

  /** An open incident affects components at least a little: unknown values read as partial outage. */
  static String componentStatus(String value) {
    String v = norm(value);
    return List.of("degraded_performance", "partial_outage", "major_outage").contains(v) ? v : "partial_outage";
  }

  static String worseComponent(String a, String b) {
    return COMPONENT_STATUSES.indexOf(a) >= COMPONENT_STATUSES.indexOf(b) ? a : b;
  }

  static String impactOf(String componentStatus) {
    return switch (componentStatus) {
      case "major_outage" -> "critical";
      case "partial_outage" -> "major";
      case "degraded_performance" -> "minor";
      default -> "none";
    };
  }

  static String worseImpact(String a, String b) {
    return IMPACTS.indexOf(a) >= IMPACTS.indexOf(b) ? a : b;
  }

  /** Statuspage's own descriptions of the page indicator. */
  static String describe(String indicator) {
    return switch (indicator) {
      case "minor" -> "Minor Service Outage";
      case "major" -> "Partial System Outage";
      case "critical" -> "Major System Outage";
      case "maintenance" -> "Service Under Maintenance";
      default -> "All Systems Operational";
    };
  }

  static String label(String word) {
    String s = word.replace('_', ' ');
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static String norm(String value) {
    return value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
  }
}
