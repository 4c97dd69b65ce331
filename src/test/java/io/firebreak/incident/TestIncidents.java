package io.firebreak.incident;

import io.firebreak.incident.IncidentRepository.NewIncident;
import java.util.HashMap;
import java.util.Map;

/** Puts incidents into the read model directly, for process tests that start one phase alone. */
public final class TestIncidents {

  private TestIncidents() {}

  /** Runs the incident's executable jobs (its pending outside calls) until none is left, as the job executor would. */
  public static void runJobs(org.camunda.bpm.engine.RuntimeService runtime, org.camunda.bpm.engine.ManagementService management,
      String key) {
    for (int i = 0; i < 20; i++) {
      var ids = runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
          .flatMap(pi -> management.createJobQuery().processInstanceId(pi.getId()).executable().list().stream())
          .map(org.camunda.bpm.engine.runtime.Job::getId).toList();
      if (ids.isEmpty()) {
        return;
      }
      ids.forEach(management::executeJob);
    }
  }

  /** Registers an incident as {@code Task_RegisterIncident} would and returns its key. */
  public static String register(IncidentRepository incidents, String title, String type, boolean customerImpact) {
    long number = incidents.nextNumber();
    String key = "INC-" + number;
    incidents.insert(new NewIncident(key, number, title, "a description", "checkout", type, "unknown", customerImpact,
        "support.sam", "test", null));
    return key;
  }

  /**
   * Registers and classifies a full-response incident and returns the variables a phase process
   * starts with (what {@code camunda:in variables="all"} would hand over); callers add their own.
   */
  public static Map<String, Object> fullResponse(IncidentRepository incidents, String title, String type,
      String severity, boolean customerImpact) {
    String key = register(incidents, title, type, customerImpact);
    classify(incidents, key, severity);
    Map<String, Object> vars = new HashMap<>();
    vars.put(IncidentVariables.INCIDENT_KEY.name(), key);
    vars.put(IncidentVariables.TITLE.name(), title);
    vars.put(IncidentVariables.INCIDENT_TYPE.name(), type);
    vars.put(IncidentVariables.CUSTOMER_IMPACT.name(), customerImpact);
    vars.put(IncidentVariables.SEVERITY.name(), severity);
    vars.put(IncidentVariables.FULL_RESPONSE.name(), true);
    return vars;
  }

  public static void classify(IncidentRepository incidents, String key, String severity) {
    incidents.updateClassification(key, severity, true);
  }

  /** Registers an incident declared now (engine clock) with the given facts, classified; returns its key. */
  public static String declared(IncidentRepository incidents, String title, String service, String type, String source,
      String severity) {
    long number = incidents.nextNumber();
    String key = "INC-" + number;
    incidents.insert(new NewIncident(key, number, title, "synthetic", service, type, severity, false, "support.sam",
        source, null));
    incidents.addTimeline(key, TimelineKind.DECLARED, "support.sam", "Incident declared via " + source + ": " + title);
    classify(incidents, key, severity);
    return key;
  }

  /** Resolves an incident now (engine clock), as the resolve step's phase listener does. */
  public static void resolve(IncidentRepository incidents, String key) {
    incidents.updatePhase(key, Incident.Phase.RESOLVED);
    incidents.addTimeline(key, TimelineKind.PHASE, "firebreak", "Phase: resolved");
  }
}
