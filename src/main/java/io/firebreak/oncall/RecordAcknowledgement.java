package io.firebreak.oncall;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records who acknowledged the page (in Tasklist, or via the {@code PageAcknowledged} message).
 *
 * <p>Used by {@code Task_RecordAcknowledgement} in {@code incident-escalation.bpmn}.
 */
@Component("recordAcknowledgement")
class RecordAcknowledgement implements JavaDelegate {

  private final IncidentRepository incidents;

  RecordAcknowledgement(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String who = EscalationProcess.ACKNOWLEDGED_BY.get(execution);
    incidents.addTimeline(Incidents.keyOf(execution), "ACKNOWLEDGED", who,
        "Page acknowledged by " + (who == null ? "an unknown responder" : who) + " (level "
            + EscalationProcess.ESCALATION_LEVEL.getOr(execution, 1) + ", "
            + EscalationProcess.PAGED_TARGET.getOr(execution, "on-call") + ")");
  }
}
