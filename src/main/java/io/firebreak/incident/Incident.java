package io.firebreak.incident;

import java.time.Instant;

/** An incident as Firebreak's read model holds it (table {@code fb_incident}). */
public record Incident(
    String key,
    long number,
    String title,
    String description,
    String service,
    String type,
    String proposedSeverity,
    String severity,
    boolean customerImpact,
    String reporter,
    String source,
    State state,
    Phase phase,
    Boolean fullResponse,
    Roles roles,
    String channelName,
    String processInstanceId,
    Instant declaredAt,
    Instant resolvedAt,
    Instant closedAt) {

  /** Where an incident stands overall. */
  public enum State {
    OPEN,
    RESOLVED,
    CLOSED
  }

  /** How far along the response is; set by the processes as they move (see {@link IncidentPhases}). */
  public enum Phase {
    DECLARED,
    TRIAGED,
    INVESTIGATING,
    CAUSE_IDENTIFIED,
    MITIGATED,
    RESOLVED,
    POSTMORTEM,
    CLOSED;

    /** Business wording for messages: "cause identified". */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /** Who holds which incident role; any of them may be {@code null} while unassigned. */
  public record Roles(String incidentCommander, String commsLead, String scribe, String customerLiaison) {}
}
