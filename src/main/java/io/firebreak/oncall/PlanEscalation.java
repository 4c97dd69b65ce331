package io.firebreak.oncall;

import static io.firebreak.incident.IncidentVariables.ACK_TIMEOUT_MINUTES;
import static io.firebreak.incident.IncidentVariables.ESCALATION_CHAIN;
import static io.firebreak.incident.IncidentVariables.SERVICE;
import static io.firebreak.incident.IncidentVariables.SEVERITY;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import io.firebreak.oncall.EscalationPlan.Step;
import java.util.stream.Collectors;
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
  private final IncidentRepository incidents;

  PlanEscalation(OnCallService onCall, IncidentRepository incidents) {
    this.onCall = onCall;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    EscalationPlan plan = onCall.plan(SERVICE.get(execution), SEVERITY.get(execution),
        ACK_TIMEOUT_MINUTES.get(execution), ESCALATION_CHAIN.get(execution));
    EscalationProcess.ESCALATION_PLAN.set(execution, plan.toJson());
    EscalationProcess.ESCALATION_POLICY.set(execution, plan.policy());
    EscalationProcess.NEXT_ESCALATION_STEP.set(execution, 0);
    EscalationProcess.MORE_LEVELS.set(execution, !plan.steps().isEmpty());
    incidents.addTimeline(Incidents.keyOf(execution), "ESCALATION_PLANNED", "firebreak", describe(plan));
  }

  static String describe(EscalationPlan plan) {
    int rounds = plan.steps().stream().mapToInt(Step::round).max().orElse(1);
    String levels = plan.steps().stream().filter(s -> s.round() == 1)
        .map(s -> (s.kind() == Catalog.LevelKind.LAYER ? s.schedule() + " " + s.target()
            : s.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + s.target()) + " (" + s.delayMinutes() + " min)")
        .collect(Collectors.joining(", then "));
    return "Escalation policy " + plan.policy() + (plan.service() == null ? " (service not in the catalog)" : " of " + plan.service())
        + ": " + levels + (rounds > 1 ? "; " + rounds + " rounds" : "");
  }
}
