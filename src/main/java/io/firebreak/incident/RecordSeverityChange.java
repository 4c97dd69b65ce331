package io.firebreak.incident;

import static io.firebreak.incident.IncidentVariables.CHANGED_BY;
import static io.firebreak.incident.IncidentVariables.NEW_SEVERITY;
import static io.firebreak.incident.IncidentVariables.SEVERITY;
import static io.firebreak.incident.IncidentVariables.SEVERITY_CHANGE_REASON;

import io.firebreak.platform.Var;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Makes a requested severity the incident's severity and records the change; the model then
 * re-plans the response (DMN {@code response-plan}) and announces it.
 *
 * <p>Used by {@code Task_RecordSeverityChange} in the {@code SeverityChanged} event subprocess of
 * {@code incident.bpmn}.
 */
@Component("recordSeverityChange")
class RecordSeverityChange implements JavaDelegate {

  /** The severity before this change, for the announcement. */
  static final Var<String> PREVIOUS_SEVERITY = Var.string("previousSeverity");

  private final IncidentRepository incidents;
  private final IncidentTimeline timeline;

  RecordSeverityChange(IncidentRepository incidents, IncidentTimeline timeline) {
    this.incidents = incidents;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String previous = SEVERITY.get(execution);
    String next = SeverityChange.normalise(NEW_SEVERITY.require(execution));
    PREVIOUS_SEVERITY.set(execution, previous);
    SEVERITY.set(execution, next);
    incidents.updateSeverity(key, next);
    String reason = SEVERITY_CHANGE_REASON.get(execution);
    timeline.add(key, TimelineKind.SEVERITY_CHANGED, CHANGED_BY.get(execution), "severity-changed", IncidentTimeline.facts(
        "previousSeverity", previous, "severity", next, "reason", reason == null || reason.isBlank() ? null : reason));
  }
}
