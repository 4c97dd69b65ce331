package io.firebreak.incident;

import io.firebreak.incident.IncidentRepository.NewIncident;

/** Puts incidents into the read model directly, for process tests that start one phase alone. */
public final class TestIncidents {

  private TestIncidents() {}

  /** Registers an incident as {@code Task_RegisterIncident} would and returns its key. */
  public static String register(IncidentRepository incidents, String title, String type, boolean customerImpact) {
    long number = incidents.nextNumber();
    String key = "INC-" + number;
    incidents.insert(new NewIncident(key, number, title, "a description", "checkout", type, "unknown", customerImpact,
        "support.sam", "test", null));
    return key;
  }

  public static void classify(IncidentRepository incidents, String key, String severity) {
    incidents.updateClassification(key, severity, true);
  }
}
