package io.firebreak.incident;

import static io.firebreak.incident.IncidentVariables.ACK_TIMEOUT_MINUTES;
import static io.firebreak.incident.IncidentVariables.FULL_RESPONSE;
import static io.firebreak.incident.IncidentVariables.POSTMORTEM_REQUIRED;
import static io.firebreak.incident.IncidentVariables.SEVERITY;
import static io.firebreak.incident.IncidentVariables.UPDATE_INTERVAL_MINUTES;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records the severity and response plan that the DMN tables chose.
 *
 * <p>Used by {@code Task_RecordClassification} in {@code incident-declaration.bpmn}.
 */
@Component("recordClassification")
class RecordClassification implements JavaDelegate {

  private final IncidentRepository incidents;
  private final IncidentTimeline timeline;

  RecordClassification(IncidentRepository incidents, IncidentTimeline timeline) {
    this.incidents = incidents;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String severity = SEVERITY.require(execution);
    boolean full = FULL_RESPONSE.require(execution);
    incidents.updateClassification(key, severity, full);
    // Wording: timeline-classified; with every variable, a reworded line can name any plan output.
    Map<String, Object> facts = new HashMap<>(execution.getVariables());
    facts.put("severity", severity);
    facts.put("fullResponse", full);
    facts.put("updateIntervalMinutes", full ? UPDATE_INTERVAL_MINUTES.require(execution) : null);
    facts.put("ackTimeoutMinutes", full ? ACK_TIMEOUT_MINUTES.require(execution) : null);
    facts.put("postmortemRequired", Boolean.TRUE.equals(POSTMORTEM_REQUIRED.get(execution)));
    timeline.add(key, TimelineKind.CLASSIFIED, "firebreak", "classified", facts);
  }
}
