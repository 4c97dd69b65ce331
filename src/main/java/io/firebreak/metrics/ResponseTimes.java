package io.firebreak.metrics;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentPhases;
import io.firebreak.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The moments of an incident's response, read from its history (the read model and its timeline):
 * declared, first acknowledgement (timeline kind {@value #ACKNOWLEDGED}), mitigated (the first
 * {@code PHASE_MITIGATED} entry, written by {@code incidentPhases}) and resolved. Matched by the
 * typed kind, never by the wording a process owner may change. The
 * postmortem, the review report and the metrics all compute durations here, so their figures agree.
 */
public record ResponseTimes(Instant declared, Instant acknowledged, Instant mitigated, Instant resolved) {

  public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
  static final String MITIGATED = IncidentPhases.kindOf(Incident.Phase.MITIGATED);
  static final String RESOLVED = IncidentPhases.kindOf(Incident.Phase.RESOLVED);
  /** The timeline kinds read here. */
  static final List<String> KINDS = List.of(ACKNOWLEDGED, MITIGATED, RESOLVED, "PHASE");
  // Entries written before phases had a kind each: kind PHASE, text "Phase: mitigated…".
  static final String LEGACY_PHASE = "PHASE";
  private static final String LEGACY_MITIGATED = "Phase: " + Incident.Phase.MITIGATED.label();
  static final String LEGACY_RESOLVED = "Phase: " + Incident.Phase.RESOLVED.label();

  public static ResponseTimes of(Incident incident, List<TimelineEntry> timeline) {
    return of(incident.declaredAt(), incident.resolvedAt(), timeline);
  }

  /** From the declaration, the recorded resolution (may be {@code null}) and the timeline in time order. */
  public static ResponseTimes of(Instant declared, Instant resolvedAt, List<TimelineEntry> timeline) {
    Instant ack = null;
    Instant mitigated = null;
    Instant resolvedPhase = null;
    for (TimelineEntry e : timeline) {
      if (ack == null && ACKNOWLEDGED.equals(e.kind())) {
        ack = e.at();
      }
      boolean legacy = LEGACY_PHASE.equals(e.kind()) && e.text() != null;
      if (mitigated == null && (MITIGATED.equals(e.kind()) || legacy && e.text().startsWith(LEGACY_MITIGATED))) {
        mitigated = e.at();
      }
      if (resolvedPhase == null && (RESOLVED.equals(e.kind()) || legacy && e.text().startsWith(LEGACY_RESOLVED))) {
        resolvedPhase = e.at();
      }
    }
    Instant resolved = resolvedAt != null ? resolvedAt : resolvedPhase;
    // Resolving without a separate mitigation step mitigates at the same moment.
    if (mitigated == null && resolved != null) {
      mitigated = resolved;
    }
    return new ResponseTimes(declared, ack, mitigated, resolved);
  }

  public Duration timeToAcknowledge() {
    return between(declared, acknowledged);
  }

  public Duration timeToMitigate() {
    return between(declared, mitigated);
  }

  public Duration timeToResolve() {
    return between(declared, resolved);
  }

  private static Duration between(Instant from, Instant to) {
    return from == null || to == null ? null : Duration.between(from, to);
  }

  /** "4 min", "1 h 05 min", "2 d 3 h"; an em dash when unknown. */
  public static String format(Duration d) {
    if (d == null) {
      return "—";
    }
    long minutes = d.toMinutes();
    if (minutes < 1) {
      return d.toSeconds() + " s";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 24 * 60) {
      return String.format("%d h %02d min", minutes / 60, minutes % 60);
    }
    return String.format("%d d %d h", minutes / (24 * 60), (minutes % (24 * 60)) / 60);
  }
}
