package io.firebreak.incident;

import static io.firebreak.incident.IncidentVariables.ALERT_SEVERITY;
import static io.firebreak.incident.IncidentVariables.CUSTOMER_IMPACT;
import static io.firebreak.incident.IncidentVariables.DESCRIPTION;
import static io.firebreak.incident.IncidentVariables.INCIDENT_KEY;
import static io.firebreak.incident.IncidentVariables.INCIDENT_TYPE;
import static io.firebreak.incident.IncidentVariables.PROPOSED_SEVERITY;
import static io.firebreak.incident.IncidentVariables.REPORTER;
import static io.firebreak.incident.IncidentVariables.SERVICE;
import static io.firebreak.incident.IncidentVariables.SOURCE;
import static io.firebreak.incident.IncidentVariables.TITLE;

import io.firebreak.incident.IncidentRepository.NewIncident;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Gives a newly declared incident its key {@code INC-<n>}, makes that the business key, and
 * records the incident in the read model and on its timeline.
 *
 * <p>Used by {@code Task_RegisterIncident} in {@code incident.bpmn}, the first step after both
 * start events, so the API, the Tasklist start form and intake all get the same treatment.
 */
@Component("registerIncident")
class RegisterIncident implements JavaDelegate {

  private final IncidentRepository incidents;
  private final IncidentTypes types;
  private final IncidentTimeline timeline;

  RegisterIncident(IncidentRepository incidents, IncidentTypes types, IncidentTimeline timeline) {
    this.incidents = incidents;
    this.types = types;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    IncidentDeclaration declaration = new IncidentDeclaration(
        TITLE.get(execution),
        DESCRIPTION.get(execution),
        SERVICE.get(execution),
        INCIDENT_TYPE.get(execution),
        PROPOSED_SEVERITY.get(execution),
        Boolean.TRUE.equals(CUSTOMER_IMPACT.get(execution)),
        reporterOf(execution),
        SOURCE.getOr(execution, "tasklist"),
        ALERT_SEVERITY.get(execution)).validated(types.deployed());

    long number = incidents.nextNumber();
    String key = "INC-" + number;
    execution.setProcessBusinessKey(key);
    INCIDENT_KEY.set(execution, key);
    // Store the normalised values so gateways and DMN see one spelling.
    TITLE.set(execution, declaration.title());
    DESCRIPTION.set(execution, declaration.description());
    SERVICE.set(execution, declaration.service());
    INCIDENT_TYPE.set(execution, declaration.type());
    PROPOSED_SEVERITY.set(execution, declaration.proposedSeverity());
    CUSTOMER_IMPACT.set(execution, declaration.customerImpact());
    REPORTER.set(execution, declaration.reporter());
    SOURCE.set(execution, declaration.source());
    ALERT_SEVERITY.set(execution, declaration.alertSeverity());

    incidents.insert(new NewIncident(key, number, declaration.title(), declaration.description(),
        declaration.service(), declaration.type(), declaration.proposedSeverity(), declaration.customerImpact(),
        declaration.reporter(), declaration.source(), execution.getProcessInstanceId()));
    timeline.add(key, TimelineKind.DECLARED, declaration.reporter(), "declared", IncidentTimeline.facts(
        "source", declaration.source(), "title", declaration.title(), "reporter", declaration.reporter()));
  }

  /**
   * The reporter given, or, when left empty (the start form says "leave empty to record yourself",
   * and submits an empty string), whoever declared: the authenticated user of the start.
   */
  private static String reporterOf(DelegateExecution execution) {
    String given = REPORTER.get(execution);
    return given != null && !given.isBlank() ? given : currentUser(execution);
  }

  private static String currentUser(DelegateExecution execution) {
    Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return auth == null ? null : auth.getUserId();
  }
}
