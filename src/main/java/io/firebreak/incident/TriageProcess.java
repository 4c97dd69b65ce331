package io.firebreak.incident;

import io.firebreak.platform.Var;

/** The incident commander's triage: {@code processes/incident-triage.bpmn}. */
public final class TriageProcess {

  public static final String KEY = "incident-triage";

  /** Severity the IC confirmed in the triage form; differs from {@code severity} on a change. */
  public static final Var<String> CONFIRMED_SEVERITY = Var.string("confirmedSeverity");

  public static final class Elements {
    public static final String TRIAGE_INCIDENT = "Task_TriageIncident";
    public static final String SEVERITY_CHANGED_DURING_TRIAGE = "Event_SeverityChangedDuringTriage";
    public static final String REFRESH_TRIAGE_TASK = "Task_RefreshTriageTask";
    public static final String RECORD_TRIAGE = "Task_RecordTriage";
    public static final String SEVERITY_CHANGED = "Gateway_SeverityChanged";
    public static final String SEVERITY_CHANGE_REQUESTED = "Event_SeverityChangeRequested";
    public static final String REASSESS_RESPONSE_PLAN = "Task_ReassessResponsePlan";
    public static final String INVITE_RESPONDERS = "Task_InviteResponders";
    public static final String INCIDENT_TRIAGED = "EndEvent_IncidentTriaged";

    private Elements() {}
  }

  private TriageProcess() {}
}
