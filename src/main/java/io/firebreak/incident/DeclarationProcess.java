package io.firebreak.incident;

/** Classify, plan and kick off the response: {@code processes/incident-declaration.bpmn}. */
public final class DeclarationProcess {

  public static final String KEY = "incident-declaration";
  public static final String DECISION_SEVERITY = "incident-severity";
  public static final String DECISION_RESPONSE_PLAN = "response-plan";
  /** Decision table of user tasks' priority by severity ({@code processes/task-priority.dmn}). */
  public static final String DECISION_TASK_PRIORITY = "task-priority";

  /** Set by the incident when a raised minor incident is declared again: keep its severity, plan anew. */
  public static final io.firebreak.platform.Var<Boolean> SEVERITY_DECIDED = io.firebreak.platform.Var.bool("severityDecided");

  public static final class Elements {
    public static final String SEVERITY_DECIDED = "Gateway_SeverityDecided";
    public static final String CLASSIFY_SEVERITY = "Task_ClassifySeverity";
    public static final String DETERMINE_RESPONSE_PLAN = "Task_DetermineResponsePlan";
    public static final String RECORD_CLASSIFICATION = "Task_RecordClassification";
    public static final String FULL_RESPONSE_NEEDED = "Gateway_FullResponseNeeded";
    public static final String OPEN_INCIDENT_CHANNEL = "Task_OpenIncidentChannel";
    public static final String ANNOUNCEMENT_NEEDED = "Gateway_AnnouncementNeeded";
    public static final String ANNOUNCE_INCIDENT = "Task_AnnounceIncident";
    public static final String SEND_INITIAL_EMAIL = "Task_SendInitialEmail";
    public static final String FULL_RESPONSE_STARTED = "EndEvent_FullResponseStarted";
    public static final String LIGHT_RESPONSE_CHOSEN = "EndEvent_LightResponseChosen";

    private Elements() {}
  }

  private DeclarationProcess() {}
}
