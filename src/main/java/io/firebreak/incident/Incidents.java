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
}
