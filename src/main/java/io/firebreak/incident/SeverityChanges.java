package io.firebreak.incident;

import static io.firebreak.incident.IncidentVariables.CHANGED_BY;
import static io.firebreak.incident.IncidentVariables.NEW_SEVERITY;
import static io.firebreak.incident.IncidentVariables.SEVERITY_CHANGE_REASON;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Correlates {@code SeverityChanged} to an incident; the model decides what follows. Every waiting
 * subscription of the incident hears it (the incident re-plans; an escalation waiting for working
 * hours re-assesses when to page); with none, it fails as a single correlation would.
 */
@Component
class SeverityChanges {

  void request(RuntimeService runtime, String incidentKey, String severity, String reason, String changedBy) {
    VariableMap variables = Variables.createVariables()
        .putValue(NEW_SEVERITY.name(), SeverityChange.normalise(severity))
        .putValue(SEVERITY_CHANGE_REASON.name(), reason)
        .putValue(CHANGED_BY.name(), changedBy);
    runtime.createMessageCorrelation(IncidentProcess.MSG_SEVERITY_CHANGED)
        .processInstanceBusinessKey(incidentKey)
        .setVariables(variables)
        .correlateAllWithResult()
        .stream().findAny()
        .orElseThrow(() -> new MismatchingMessageCorrelationException(IncidentProcess.MSG_SEVERITY_CHANGED,
            "no process instance with business key " + incidentKey + " waits for it"));
  }
}
