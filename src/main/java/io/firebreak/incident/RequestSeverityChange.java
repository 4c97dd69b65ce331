package io.firebreak.incident;

import static io.firebreak.incident.IncidentVariables.INCIDENT_COMMANDER;
import static io.firebreak.incident.IncidentVariables.SEVERITY;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends {@code SeverityChanged} to the incident when the IC confirmed a different severity in
 * triage, so that one path (the incident's event subprocess) handles every severity change.
 *
 * <p>Used by {@code Event_SeverityChangeRequested} in {@code incident-triage.bpmn}.
 */
@Component("requestSeverityChange")
class RequestSeverityChange implements JavaDelegate {

  private final SeverityChanges severityChanges;

  RequestSeverityChange(SeverityChanges severityChanges) {
    this.severityChanges = severityChanges;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String confirmed = TriageProcess.CONFIRMED_SEVERITY.require(execution);
    severityChanges.request(execution.getProcessEngineServices().getRuntimeService(), Incidents.keyOf(execution),
        confirmed, "confirmed in triage (declared as " + SEVERITY.get(execution) + ")",
        INCIDENT_COMMANDER.get(execution));
  }
}
