package io.firebreak.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Lets a model write a line on the incident's timeline where nothing else records the moment,
 * e.g. {@code ${incidentTimeline.note(execution, 'ESCALATION_EXHAUSTED', 'Nobody acknowledged ...')}}.
 * The wording lives in the model.
 *
 * <p>Used by {@code EndEvent_LevelsExhausted} in {@code incident-escalation.bpmn}.
 */
@Component("incidentTimeline")
public class IncidentTimeline {

  private final IncidentRepository incidents;

  IncidentTimeline(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  public void note(DelegateExecution execution, String kind, String text) {
    incidents.addTimeline(Incidents.keyOf(execution), kind, "firebreak", text);
  }
}
