package io.firebreak.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Small helpers every delegate needs to find its incident. */
public final class Incidents {

  private Incidents() {}

  /**
   * The incident key of the running process. Every process instance of an incident, the called
   * phases included, carries it as business key; a missing one is a modelling error (a call
   * activity without {@code camunda:in businessKey}).
   */
  public static String keyOf(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    if (key == null || key.isBlank()) {
      throw new IllegalStateException("process instance " + execution.getProcessInstanceId()
          + " has no incident key as business key; pass it on with camunda:in businessKey");
    }
    return key;
  }

  /**
   * The incident's own facts as a template model (key, title, description, service, type, severity,
   * phase, reporter, customer impact, incident commander, channel): what every message and outbound
   * step shares; values may be null.
   */
  public static java.util.Map<String, Object> facts(Incident incident) {
    java.util.Map<String, Object> facts = new java.util.LinkedHashMap<>();
    facts.put("key", incident.key());
    facts.put("title", incident.title());
    facts.put("description", incident.description());
    facts.put("service", incident.service());
    facts.put("type", incident.type());
    facts.put("severity", incident.severity());
    facts.put("phase", incident.phase().label());
    facts.put("reporter", incident.reporter());
    facts.put("customerImpact", incident.customerImpact());
    facts.put("incidentCommander", incident.roles().incidentCommander());
    facts.put("channel", incident.channelName());
    return facts;
  }
}
