package io.firebreak.incident;

import io.firebreak.incident.Incident.Phase;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Moves an incident to a phase. The models say when, through execution listeners such as
 * {@code ${incidentPhases.enter(execution, 'MITIGATED')}}; this bean only records it.
 *
 * <p>Used in {@code incident.bpmn}, {@code incident-triage.bpmn} and {@code incident-remediation.bpmn}.
 */
@Component("incidentPhases")
public class IncidentPhases {

  private final IncidentRepository incidents;
  private final IncidentTimeline timeline;

  IncidentPhases(IncidentRepository incidents, IncidentTimeline timeline) {
    this.incidents = incidents;
    this.timeline = timeline;
  }

  public void enter(DelegateExecution execution, String phaseName) {
    enter(execution, phaseName, null);
  }

  /** Enters a phase and keeps what people wrote about it (findings, mitigation, resolution) on the timeline. */
  public void enter(DelegateExecution execution, String phaseName, Object detail) {
    Phase phase;
    try {
      phase = Phase.valueOf(phaseName.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown incident phase '" + phaseName + "'; one of "
          + java.util.Arrays.toString(Phase.values()), e);
    }
    String key = Incidents.keyOf(execution);
    incidents.updatePhase(key, phase);
    String text = detail == null || detail.toString().isBlank() ? null : detail.toString().strip();
    // Typed, so reports (response times) find the moment whatever the line's wording (timeline-phase) says.
    timeline.add(key, TimelineKind.of(phase), "firebreak", "phase", IncidentTimeline.facts("phase", phase.label(),
        "phaseName", phase.name(), "detail", text));
  }
}
