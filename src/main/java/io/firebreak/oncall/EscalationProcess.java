package io.firebreak.oncall;

import io.firebreak.incident.IncidentProcess;
import io.firebreak.platform.Var;

/**
 * Paging and its escalation, and leadership escalation: {@code processes/incident-escalation.bpmn}.
 * What the incident's own actions send it (the acknowledgement) is named in
 * {@link IncidentProcess.Escalation}, below this package.
 */
public final class EscalationProcess {

  public static final String KEY = IncidentProcess.Escalation.KEY;

  /** Message that acknowledges the current page (Slack, PagerDuty, API). */
  public static final String MSG_PAGE_ACKNOWLEDGED = IncidentProcess.Escalation.MSG_PAGE_ACKNOWLEDGED;

  /** The {@link EscalationPlan} as JSON, fixed when escalation starts. */
  public static final Var<String> ESCALATION_PLAN = Var.string("escalationPlan");
  /** Id of the escalation policy chosen ({@code response-plan} for the fallback chain). */
  public static final Var<String> ESCALATION_POLICY = Var.string("escalationPolicy");
  /** Index into the plan's steps of the step to page next. */
  public static final Var<Integer> NEXT_ESCALATION_STEP = Var.integer("nextEscalationStep");
  /** Index into the plan's steps of the step paged last. */
  public static final Var<Integer> ESCALATION_STEP = Var.integer("escalationStep");
  /** 1-based level of the policy paged last. */
  public static final Var<Integer> ESCALATION_LEVEL = Var.integer("escalationLevel");
  /** 1-based round of the policy paged last (a policy with repeat 1 has two rounds). */
  public static final Var<Integer> ESCALATION_ROUND = Var.integer("escalationRound");
  /** Whether the plan has a step after the one paged last. */
  public static final Var<Boolean> MORE_LEVELS = Var.bool("moreEscalationLevels");
  /** Who was paged last (user or group id). */
  public static final Var<String> PAGED_TARGET = Var.string("pagedTarget");
  /** The person paged last, assignee of the acknowledge task; null when a group was paged. */
  public static final Var<String> PAGED_USER = Var.string("pagedUser");
  /** Candidate group of the acknowledge task: the paged group, or the service's team. */
  public static final Var<String> PAGED_GROUP = Var.string("pagedGroup");
  /** Minutes the current page waits for an acknowledgement before the next step. */
  public static final Var<Integer> ACK_DELAY_MINUTES = Var.integer("ackDelayMinutes");
  public static final Var<String> ACKNOWLEDGED_BY = IncidentProcess.Escalation.ACKNOWLEDGED_BY;
  /** Response-plan input: the clock is inside the owning team's working hours (catalog); true for 24/7. */
  public static final Var<Boolean> INSIDE_WORKING_HOURS = Var.bool("insideWorkingHours");
  /** Start of the owning team's next working day (ISO-8601 instant), now when inside the hours. */
  public static final Var<String> WORKING_HOURS_START_AT = Var.string("workingHoursStartAt");
  /** Response-plan output: the first page waits until {@link #WORKING_HOURS_START_AT}. */
  public static final Var<Boolean> DEFER_PAGING = Var.bool("deferPagingUntilWorkingHours");

  public static final class Elements {
    public static final String PAGE_UNTIL_ACKNOWLEDGED = "SubProcess_PageUntilAcknowledged";
    public static final String PLAN_ESCALATION = "Task_PlanEscalation";
    public static final String PAGING_DEFERRED = "Gateway_PagingDeferred";
    public static final String AWAIT_WORKING_HOURS = "Gateway_AwaitWorkingHours";
    public static final String WORKING_HOURS_STARTED = "Timer_WorkingHoursStarted";
    public static final String SEVERITY_CHANGED_WHILE_WAITING = "Event_SeverityChangedWhileWaiting";
    public static final String REASSESS_PAGING_TIME = "Task_ReassessPagingTime";
    public static final String PAGE_LEVEL = "Task_PageEscalationLevel";
    public static final String ACKNOWLEDGE_PAGE = IncidentProcess.Escalation.ACKNOWLEDGE_PAGE;
    public static final String ACK_OVERDUE = "Timer_AckOverdue";
    public static final String REPLAN_ESCALATION = "Task_ReplanEscalation";
    public static final String REFRESH_ESCALATION = "Task_RefreshEscalation";
    public static final String PAGE_ACKNOWLEDGED = "Event_PageAcknowledged";
    public static final String MORE_LEVELS = "Gateway_MoreLevels";
    public static final String RECORD_ACKNOWLEDGEMENT = "Task_RecordAcknowledgement";
    public static final String INVITE_ACKNOWLEDGER = "Task_InviteAcknowledger";
    public static final String LEADERSHIP_ESCALATION_PLANNED = "Gateway_LeadershipEscalationPlanned";
    public static final String RESOLUTION_OVERDUE = "Timer_ResolutionOverdue";
    public static final String NOTIFY_LEADERSHIP = "Task_NotifyLeadership";
    public static final String REVIEW_ESCALATED_INCIDENT = "Task_ReviewEscalatedIncident";
    public static final String ACKNOWLEDGEMENT_RECORDED = "EndEvent_PageAcknowledged";
    public static final String LEVELS_EXHAUSTED = "EndEvent_LevelsExhausted";
    public static final String ACKNOWLEDGED_IN_TASKLIST = "EndEvent_AcknowledgedInTasklist";
    public static final String LEVELS_EXHAUSTED_CAUGHT = "Event_LevelsExhausted";
    public static final String NOBODY_ACKNOWLEDGED = "EndEvent_NobodyAcknowledged";
    public static final String LEADERSHIP_INFORMED = "EndEvent_LeadershipInformed";
    public static final String NO_LEADERSHIP_ESCALATION = "EndEvent_NoLeadershipEscalation";

    private Elements() {}
  }

  private EscalationProcess() {}
}
