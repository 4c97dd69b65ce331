package io.firebreak.incident;

import static io.firebreak.incident.IncidentVariables.COMMS_LEAD;
import static io.firebreak.incident.IncidentVariables.CUSTOMER_IMPACT;
import static io.firebreak.incident.IncidentVariables.CUSTOMER_LIAISON;
import static io.firebreak.incident.IncidentVariables.INCIDENT_COMMANDER;
import static io.firebreak.incident.IncidentVariables.INCIDENT_TYPE;
import static io.firebreak.incident.IncidentVariables.SCRIBE;

import io.firebreak.incident.Incident.Roles;
import io.firebreak.platform.FormRejection;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records what the incident commander confirmed in triage: type, customer impact and roles. The
 * type must be one deployed in the DMN {@code incident-types} now (an alias is stored as its id).
 *
 * <p>Used by {@code Task_RecordTriage} in {@code incident-triage.bpmn}.
 */
@Component("recordTriage")
class RecordTriage implements JavaDelegate {

  private final IncidentRepository incidents;
  private final IncidentTypes types;
  private final IncidentTimeline timeline;

  RecordTriage(IncidentRepository incidents, IncidentTypes types, IncidentTimeline timeline) {
    this.timeline = timeline;
    this.incidents = incidents;
    this.types = types;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    IncidentTypes.Known known = types.deployed();
    String given = INCIDENT_TYPE.get(execution);
    String type = (given == null || given.isBlank() ? known.defaultType() : known.resolve(given)).orElseThrow(() ->
        // Shown to the IC in Tasklist (400 over REST); the task stays open.
        new FormRejection("Type", "Type: '" + given + "' is not an incident type; choose one of "
            + String.join(", ", known.ids()) + "."));
    INCIDENT_TYPE.set(execution, type);
    boolean impact = Boolean.TRUE.equals(CUSTOMER_IMPACT.get(execution));
    Roles roles = new Roles(blankToNull(INCIDENT_COMMANDER.get(execution)), blankToNull(COMMS_LEAD.get(execution)),
        blankToNull(SCRIBE.get(execution)), blankToNull(CUSTOMER_LIAISON.get(execution)));
    incidents.updateTriage(key, type, impact, roles);
    timeline.add(key, TimelineKind.TRIAGED, roles.incidentCommander(), "triaged", IncidentTimeline.facts("incidentType", type,
        "customerImpact", impact, "incidentCommander", roles.incidentCommander(), "commsLead", roles.commsLead(),
        "scribe", roles.scribe(), "customerLiaison", roles.customerLiaison()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

}
