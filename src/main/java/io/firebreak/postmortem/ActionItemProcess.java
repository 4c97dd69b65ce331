package io.firebreak.postmortem;

import io.firebreak.platform.Var;

/**
 * One action item due within the horizon, tracked to done: {@code processes/action-item.bpmn}.
 * Started per item by {@code Task_StartActionItems} of the postmortem, with the incident key as
 * business key, and lives on after the incident closes.
 */
public final class ActionItemProcess {

  public static final String KEY = "action-item";
  /** Start message: one agreed action item to assign. */
  public static final String MSG_ACTION_ITEM_ASSIGNED = "ActionItemAssigned";

  /** Row id in {@code fb_action_item}. */
  public static final Var<Integer> ID = Var.integer("actionItemId");
  public static final Var<String> TITLE = Var.string("actionItemTitle");
  public static final Var<String> OWNER = Var.string("actionItemOwner");
  public static final Var<String> KIND = Var.string("actionItemKind");
  /** When it is due ({@link java.util.Date}): the task's due date and the overdue timer. */
  public static final String DUE = "actionItemDue";
  /** When the owner is reminded ({@link java.util.Date}): the task's follow-up date and the reminder timer. */
  public static final String REMIND_AT = "actionItemRemindAt";
  /** The due date as people read it, {@code 2026-03-06}. */
  public static final Var<String> DUE_DAY = Var.string("actionItemDueDay");
  /** What the owner did (form complete-action-item). */
  public static final Var<String> OUTCOME = Var.string("actionItemOutcome");
  /** Who completed the task (complete listener). */
  public static final Var<String> COMPLETED_BY = Var.string("actionItemCompletedBy");

  public static final class Elements {
    public static final String ASSIGNED = "StartEvent_ActionItemAssigned";
    public static final String COMPLETE_ACTION_ITEM = "Task_CompleteActionItem";
    public static final String REMINDER_DUE = "Timer_ActionItemReminderDue";
    public static final String REMIND_OWNER = "Task_RemindOwner";
    public static final String OWNER_REMINDED = "EndEvent_OwnerReminded";
    public static final String OVERDUE = "Timer_ActionItemOverdue";
    public static final String ESCALATE_TO_LEAD = "Task_EscalateToLead";
    public static final String LEAD_INFORMED = "EndEvent_LeadInformed";
    public static final String RECORD_DONE = "Task_RecordActionItemDone";
    public static final String DONE = "EndEvent_ActionItemDone";

    private Elements() {}
  }

  private ActionItemProcess() {}
}
