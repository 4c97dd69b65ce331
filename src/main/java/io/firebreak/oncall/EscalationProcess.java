package io.firebreak.oncall;

import io.firebreak.platform.Var;

/** Paging follow-up and leadership escalation: {@code processes/incident-escalation.bpmn}. */
public final class EscalationProcess {

  public static final String KEY = "incident-escalation";

  /** Message that acknowledges the current page (Slack, PagerDuty, API). */
  public static final String MSG_PAGE_ACKNOWLEDGED = "PageAcknowledged";

  /** Index into {@code escalationChain} of the level paged last; 0 is the first (on-call). */
  public static final Var<Integer> ESCALATION_LEVEL = Var.integer("escalationLevel");
  /** Whether {@code escalationChain} has a level after {@code escalationLevel}. */
  public static final Var<Boolean> MORE_LEVELS = Var.bool("moreEscalationLevels");
  /** Who is paged at the current level (user or group id), for the acknowledge task. */
  public static final Var<String> PAGED_TARGET = Var.string("pagedTarget");
  public static final Var<String> ACKNOWLEDGED_BY = Var.string("acknowledgedBy");

  public static final class Elements {
    public static final String ACKNOWLEDGE_PAGE = "Task_AcknowledgePage";
    public static final String ACK_OVERDUE = "Timer_AckOverdue";
    public static final String PAGE_ACKNOWLEDGED = "Event_PageAcknowledged";
    public static final String PAGE_NEXT_LEVEL = "Task_PageNextLevel";
    public static final String MORE_LEVELS = "Gateway_MoreLevels";
    public static final String RECORD_ACKNOWLEDGEMENT = "Task_RecordAcknowledgement";
    public static final String HIGH_SEVERITY = "Gateway_HighSeverity";
    public static final String RESOLUTION_OVERDUE = "Timer_ResolutionOverdue";
    public static final String NOTIFY_LEADERSHIP = "Task_NotifyLeadership";
    public static final String REVIEW_ESCALATED_INCIDENT = "Task_ReviewEscalatedIncident";
    public static final String ACKNOWLEDGEMENT_RECORDED = "EndEvent_PageAcknowledged";
    public static final String LEVELS_EXHAUSTED = "EndEvent_LevelsExhausted";
    public static final String LEADERSHIP_INFORMED = "EndEvent_LeadershipInformed";
    public static final String NO_LEADERSHIP_ESCALATION = "EndEvent_NoLeadershipEscalation";

    private Elements() {}
  }

  private EscalationProcess() {}
}
