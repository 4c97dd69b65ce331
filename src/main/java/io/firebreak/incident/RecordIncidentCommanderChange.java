package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.INCIDENT_COMMANDER_CHANGED_BY;
import static io.firebreak.incident.IncidentProcess.NEW_INCIDENT_COMMANDER;
import static io.firebreak.incident.IncidentProcess.PREVIOUS_INCIDENT_COMMANDER;
import static io.firebreak.incident.IncidentVariables.INCIDENT_COMMANDER;

import io.firebreak.platform.Var;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Makes {@code newIncidentCommander} the incident's IC: keeps the old one as
 * {@code previousIncidentCommander}, sets {@code incidentCommander} in the incident and in every
 * running phase of it that has its own copy (so tasks those phases create later go to the new IC),
 * updates the read model and writes the model's {@code timelineText} on the timeline.
 *
 * <p>Used by {@code Task_RecordIncidentCommanderChange} in the {@code IncidentCommanderChanged}
 * event subprocess of {@code incident.bpmn}.
 */
@Component("recordIncidentCommanderChange")
class RecordIncidentCommanderChange implements JavaDelegate {

  static final Var<String> TIMELINE_TEXT = Var.string("timelineText");

  private final IncidentRepository incidents;

  RecordIncidentCommanderChange(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String next = NEW_INCIDENT_COMMANDER.require(execution);
    PREVIOUS_INCIDENT_COMMANDER.set(execution, INCIDENT_COMMANDER.get(execution));
    INCIDENT_COMMANDER.set(execution, next);
    // Called phases got a copy of the variable when they started (camunda:in variables="all").
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    for (ProcessInstance phase : runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).active().list()) {
      if (!phase.getId().equals(execution.getProcessInstanceId())
          && runtime.getVariable(phase.getId(), INCIDENT_COMMANDER.name()) != null) {
        runtime.setVariable(phase.getId(), INCIDENT_COMMANDER.name(), next);
      }
    }
    incidents.updateIncidentCommander(key, next);
    incidents.addTimeline(key, TimelineKind.IC_CHANGED, INCIDENT_COMMANDER_CHANGED_BY.getOr(execution, "firebreak"),
        TIMELINE_TEXT.getOr(execution, next + " took over as IC"));
  }
}
