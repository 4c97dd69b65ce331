package io.firebreak.oncall;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
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

  private final IncidentTimeline timeline;

  RecordAcknowledgement(IncidentTimeline timeline) {
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String who = EscalationProcess.ACKNOWLEDGED_BY.get(execution);
    timeline.add(Incidents.keyOf(execution), TimelineKind.ACKNOWLEDGED, who, "page-acknowledged", facts("acknowledgedBy", who,
        "escalationLevel", EscalationProcess.ESCALATION_LEVEL.getOr(execution, 1),
        "pagedTarget", EscalationProcess.PAGED_TARGET.getOr(execution, "on-call")));
  }
}
