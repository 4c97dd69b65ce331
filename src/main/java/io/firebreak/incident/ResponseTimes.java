package io.firebreak.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The moments of an incident's response, read from its history (the read model and its timeline):
 * declared, first acknowledgement ({@link TimelineKind#ACKNOWLEDGED}), mitigated (the first
 * {@link TimelineKind#PHASE_MITIGATED}, written by {@code incidentPhases}) and resolved. Matched by
 * the typed kind, never by the wording a process owner may change. The postmortem, the review report
 * and the metrics all compute durations here, so their figures agree; it sits with the timeline it
 * reads, below both.
 */
public record ResponseTimes(Instant declared, Instant acknowledged, Instant mitigated, Instant resolved) {

  /** The timeline kinds read here. */
  public static final List<TimelineKind> KINDS = List.of(TimelineKind.ACKNOWLEDGED, TimelineKind.PHASE_MITIGATED,
      TimelineKind.PHASE_RESOLVED, TimelineKind.PHASE);
  /*
   * Rows written before each phase had its kind: kind PHASE, text "Phase: mitigated…". Older
   * databases still hold them and no migration rewrote them (the text is the only record of which
   * phase), so for those rows alone the text decides; nothing writes kind PHASE any more.
   */
  private static final String LEGACY_MITIGATED = "Phase: " + Incident.Phase.MITIGATED.label();
  /** The text of a legacy resolved-phase row begins so (also matched in SQL by {@code metrics.ResponseHistory}). */
  public static final String LEGACY_RESOLVED = "Phase: " + Incident.Phase.RESOLVED.label();

  public static ResponseTimes of(Incident incident, List<TimelineEntry> timeline) {
    return of(incident.declaredAt(), incident.resolvedAt(), timeline);
  }

  /** From the declaration, the recorded resolution (may be {@code null}) and the timeline in time order. */
  public static ResponseTimes of(Instant declared, Instant resolvedAt, List<TimelineEntry> timeline) {
    Instant ack = null;
    Instant mitigated = null;
    Instant resolvedPhase = null;
    for (TimelineEntry e : timeline) {
      if (ack == null && e.is(TimelineKind.ACKNOWLEDGED)) {
        ack = e.at();
      }
      boolean legacy = e.is(TimelineKind.PHASE) && e.text() != null;
      if (mitigated == null && (e.is(TimelineKind.PHASE_MITIGATED) || legacy && e.text().startsWith(LEGACY_MITIGATED))) {
        mitigated = e.at();
      }
      if (resolvedPhase == null && (e.is(TimelineKind.PHASE_RESOLVED) || legacy && e.text().startsWith(LEGACY_RESOLVED))) {
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
