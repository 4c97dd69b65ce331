package io.firebreak.incident;

import static io.firebreak.incident.IncidentVariables.ACK_TIMEOUT_MINUTES;
import static io.firebreak.incident.IncidentVariables.FULL_RESPONSE;
import static io.firebreak.incident.IncidentVariables.POSTMORTEM_REQUIRED;
import static io.firebreak.incident.IncidentVariables.SEVERITY;
import static io.firebreak.incident.IncidentVariables.UPDATE_INTERVAL_MINUTES;

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

  RecordClassification(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String severity = SEVERITY.require(execution);
    boolean full = FULL_RESPONSE.require(execution);
    incidents.updateClassification(key, severity, full);
    incidents.addTimeline(key, "CLASSIFIED", "firebreak", full
        ? String.format("Classified %s: full response, status updates every %d min, page acknowledged within %d min,"
                + " postmortem %s", severity, UPDATE_INTERVAL_MINUTES.require(execution),
            ACK_TIMEOUT_MINUTES.require(execution),
            Boolean.TRUE.equals(POSTMORTEM_REQUIRED.get(execution)) ? "required" : "not required")
        : "Classified " + severity + ": light response by the owning team (no channel, no page, no postmortem)");
  }
}
