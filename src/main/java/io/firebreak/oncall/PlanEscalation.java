package io.firebreak.oncall;

import static io.firebreak.incident.IncidentVariables.ACK_TIMEOUT_MINUTES;
import static io.firebreak.incident.IncidentVariables.ESCALATION_CHAIN;
import static io.firebreak.incident.IncidentVariables.SERVICE;
import static io.firebreak.incident.IncidentVariables.SEVERITY;

import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
import io.firebreak.oncall.EscalationPlan.Step;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Chooses the incident's escalation: the catalog service's policy for the severity, delays capped
 * by the response plan's {@code ackTimeoutMinutes}; the response plan's {@code escalationChain} for
 * a service not in the catalog. Inputs {@code service}, {@code severity},
 * {@code ackTimeoutMinutes}, {@code escalationChain}; outputs {@code escalationPlan},
 * {@code escalationPolicy}, {@code nextEscalationStep} (0) and {@code moreEscalationLevels}.
 *
 * <p>Used by {@code Task_PlanEscalation} in {@code incident-escalation.bpmn}.
 */
@Component("planEscalation")
class PlanEscalation implements JavaDelegate {

  private final OnCallService onCall;
  private final IncidentTimeline timeline;

  PlanEscalation(OnCallService onCall, IncidentTimeline timeline) {
    this.onCall = onCall;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    EscalationPlan plan = onCall.plan(SERVICE.get(execution), SEVERITY.get(execution),
        ACK_TIMEOUT_MINUTES.get(execution), ESCALATION_CHAIN.get(execution));
    EscalationProcess.ESCALATION_PLAN.set(execution, plan.toJson());
    EscalationProcess.ESCALATION_POLICY.set(execution, plan.policy());
    EscalationProcess.NEXT_ESCALATION_STEP.set(execution, 0);
    EscalationProcess.MORE_LEVELS.set(execution, !plan.steps().isEmpty());
    timeline.add(Incidents.keyOf(execution), TimelineKind.ESCALATION_PLANNED, "firebreak", "escalation-planned", facts(plan));
  }

  /** The plan for the line {@code timeline-escalation-planned}: policy, service, the first round's levels, rounds. */
  static Map<String, Object> facts(EscalationPlan plan) {
    int rounds = plan.steps().stream().mapToInt(Step::round).max().orElse(1);
    List<Map<String, Object>> levels = plan.steps().stream().filter(s -> s.round() == 1)
        .map(s -> IncidentTimeline.facts("layer", s.kind() == Catalog.LevelKind.LAYER, "schedule", s.schedule(),
            "kind", s.kind().name().toLowerCase(java.util.Locale.ROOT), "target", s.target(),
            "delayMinutes", s.delayMinutes()))
        .toList();
    return IncidentTimeline.facts("policy", plan.policy(), "service", plan.service(), "levels", levels,
        "rounds", rounds, "repeated", rounds > 1);
  }
}
