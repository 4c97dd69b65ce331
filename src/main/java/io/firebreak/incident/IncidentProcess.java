package io.firebreak.incident;

import io.firebreak.platform.Var;

/** The incident lifecycle: {@code processes/incident.bpmn}. */
public final class IncidentProcess {

  public static final String KEY = "incident";

  /** Message that starts an incident from code (API, alerts, Slack). */
  public static final String MSG_INCIDENT_DECLARED = "IncidentDeclared";
  /** Message that changes the severity of a running incident at any point. */
  public static final String MSG_SEVERITY_CHANGED = "SeverityChanged";

  /** Message that publishes a status update written outside Tasklist (Slack {@code /incident update}). */
  public static final String MSG_STATUS_UPDATE_RECEIVED = "StatusUpdateReceived";

  /** Message that hands the IC role to {@link #NEW_INCIDENT_COMMANDER} (Slack {@code /incident ic}). */
  public static final String MSG_INCIDENT_COMMANDER_CHANGED = "IncidentCommanderChanged";
  /** Who takes over as IC (sent with {@link #MSG_INCIDENT_COMMANDER_CHANGED}). */
  public static final Var<String> NEW_INCIDENT_COMMANDER = Var.string("newIncidentCommander");
  /** Who asked for the hand-over, for the timeline. */
  public static final Var<String> INCIDENT_COMMANDER_CHANGED_BY = Var.string("incidentCommanderChangedBy");
  /** The IC before the latest hand-over (null when there was none yet). */
  public static final Var<String> PREVIOUS_INCIDENT_COMMANDER = Var.string("previousIncidentCommander");

  /**
   * The status update as its author wrote it: the form of {@code Post status update} and
   * {@link #MSG_STATUS_UPDATE_RECEIVED} set it; the incident passes it to {@code incident-communication}
   * ({@code comms.CommunicationProcess} names the same variables).
   */
  public static final Var<String> UPDATE_TEXT = Var.string("updateText");
  /** What changed since the last update, as its author wrote it. */
  public static final Var<String> WHAT_CHANGED = Var.string("whatChanged");

  /** The customer statement as the customer liaison wrote it (form publish-customer-statement). */
  public static final Var<String> CUSTOMER_STATEMENT = Var.string("customerStatement");
  /** Reference of the regulator notification (form notify-regulator). */
  public static final Var<String> REGULATOR_REFERENCE = Var.string("regulatorReference");
  public static final Var<String> REGULATOR_NOTES = Var.string("regulatorNotes");

  public static final class Elements {
    public static final String START_REPORTED = "StartEvent_IncidentReported";
    public static final String START_DECLARED = "StartEvent_IncidentDeclared";
    public static final String REGISTER_INCIDENT = "Task_RegisterIncident";
    public static final String DECLARE_INCIDENT = "CallActivity_DeclareIncident";
    public static final String FULL_RESPONSE_NEEDED = "Gateway_FullResponseNeeded";
    public static final String HANDLE_MINOR_INCIDENT = "Task_HandleMinorIncident";
    public static final String RESPOND_TO_INCIDENT = "SubProcess_RespondToIncident";
    public static final String TRIAGE_INCIDENT = "CallActivity_TriageIncident";
    public static final String REMEDIATE_INCIDENT = "CallActivity_RemediateIncident";
    public static final String ESCALATE_INCIDENT = "CallActivity_EscalateIncident";
    public static final String STATUS_UPDATE_DUE = "Timer_StatusUpdateDue";
    public static final String POST_STATUS_UPDATE = "Task_PostStatusUpdate";
    public static final String PUBLISH_STATUS_UPDATE = "CallActivity_PublishStatusUpdate";
    public static final String PUBLISH_CUSTOMER_STATEMENT = "Task_PublishCustomerStatement";
    public static final String COMMUNICATE_CUSTOMER_STATEMENT = "CallActivity_CommunicateCustomerStatement";
    public static final String CUSTOMER_STATEMENT_PUBLISHED = "EndEvent_CustomerStatementPublished";
    public static final String NO_CUSTOMER_STATEMENT = "EndEvent_NoCustomerStatement";
    public static final String FIRST_STATEMENT_OVERDUE = "Timer_FirstStatementOverdue";
    public static final String REMIND_FIRST_STATEMENT = "Task_RemindFirstStatement";
    public static final String FIRST_STATEMENT_REMINDED = "EndEvent_FirstStatementReminded";
    public static final String ESCALATION_FINISHED = "EndEvent_EscalationFinished";
    public static final String INCIDENT_RESOLVED = "EndEvent_IncidentResolved";
    public static final String ANNOUNCE_RESOLUTION = "CallActivity_AnnounceResolution";
    public static final String POSTMORTEM_REQUIRED = "Gateway_PostmortemRequired";
    public static final String CONDUCT_POSTMORTEM = "CallActivity_ConductPostmortem";
    public static final String RESPONSE_COMPLETE = "Gateway_ResponseComplete";
    public static final String NOTIFY_REGULATOR = "Task_NotifyRegulator";
    public static final String REGULATOR_REMINDER_DUE = "Timer_RegulatorReminderDue";
    public static final String REMIND_LEGAL = "Task_RemindLegal";
    public static final String LEGAL_REMINDED = "EndEvent_LegalReminded";
    public static final String ARCHIVE_CHANNEL = "Task_ArchiveChannel";
    public static final String SEND_CLOSING_EMAIL = "Task_SendClosingEmail";
    public static final String CLOSE_INCIDENT = "Task_CloseIncident";
    public static final String INCIDENT_CLOSED = "EndEvent_IncidentClosed";
    public static final String SEVERITY_CHANGED = "StartEvent_SeverityChanged";
    public static final String RECORD_SEVERITY_CHANGE = "Task_RecordSeverityChange";
    public static final String REASSESS_RESPONSE_PLAN = "Task_ReassessResponsePlan";
    public static final String ANNOUNCE_SEVERITY_CHANGE = "CallActivity_AnnounceSeverityChange";
    public static final String REFRESH_OPEN_WORK = "Task_RefreshOpenWork";
    public static final String MINOR_INCIDENT_SEVERITY_CHANGED = "Event_MinorIncidentSeverityChanged";
    public static final String RECORD_MINOR_SEVERITY_CHANGE = "Task_RecordMinorSeverityChange";
    public static final String SEVERITY_CHANGE_ANNOUNCED = "EndEvent_SeverityChangeAnnounced";
    public static final String STATUS_UPDATE_RECEIVED = "StartEvent_StatusUpdateReceived";
    public static final String PUBLISH_RECEIVED_UPDATE = "CallActivity_PublishReceivedUpdate";
    public static final String RECEIVED_UPDATE_PUBLISHED = "EndEvent_ReceivedUpdatePublished";
    public static final String INCIDENT_COMMANDER_CHANGED = "StartEvent_IncidentCommanderChanged";
    public static final String RECORD_INCIDENT_COMMANDER_CHANGE = "Task_RecordIncidentCommanderChange";
    public static final String HAND_OVER_INCIDENT_COMMANDER_TASKS = "Task_HandOverIncidentCommanderTasks";
    public static final String UPDATE_TOPIC_FOR_NEW_COMMANDER = "Task_UpdateTopicForNewCommander";
    public static final String INCIDENT_COMMANDER_HANDED_OVER = "EndEvent_IncidentCommanderHandedOver";

    private Elements() {}
  }

  /**
   * The escalation phase ({@code incident-escalation.bpmn}, package {@code oncall}) as far as the
   * incident's own actions reach into it: acknowledging its page ({@link IncidentService#acknowledgePage},
   * {@link IncidentAction#ACK}). Named here because the incident sits below the capabilities that
   * run its phases; {@code oncall.EscalationProcess} refers to these.
   */
  public static final class Escalation {
    public static final String KEY = "incident-escalation";
    /** Message that acknowledges the current page (Slack, PagerDuty, API). */
    public static final String MSG_PAGE_ACKNOWLEDGED = "PageAcknowledged";
    /** Who acknowledged, sent with {@link #MSG_PAGE_ACKNOWLEDGED}. */
    public static final Var<String> ACKNOWLEDGED_BY = Var.string("acknowledgedBy");
    /** The acknowledge-page user task. */
    public static final String ACKNOWLEDGE_PAGE = "Task_AcknowledgePage";

    private Escalation() {}
  }

  private IncidentProcess() {}
}
