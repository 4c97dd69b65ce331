package io.firebreak.postmortem;

import io.firebreak.platform.Var;

/** Blameless postmortem with review and action items: {@code processes/incident-postmortem.bpmn}. */
public final class PostmortemProcess {

  public static final String KEY = "incident-postmortem";

  public static final Var<String> AUTHOR = Var.string("postmortemAuthor");
  public static final Var<String> CAUSE = Var.string("cause");
  public static final Var<String> IMPACT = Var.string("impact");
  public static final Var<String> STEPS_TAKEN = Var.string("stepsTaken");
  public static final Var<String> PREVENTION = Var.string("prevention");
  /** Action items as the author typed them: one per line, {@code title | owner | YYYY-MM-DD [| kind]}. */
  public static final Var<String> ACTION_ITEMS = Var.string("actionItems");
  /**
   * Action items as the form's repeating group sends them: a JSON list of {@code {title, owner, due, kind}};
   * {@link ActionItems} turns accepted rows into {@link #ACTION_ITEMS} lines.
   */
  public static final String ACTION_ITEM_ROWS = "actionItemRows";
  /** The users a role or owner can be chosen from (a form select's {@code valuesKey}); set by the task's input. */
  public static final String USER_OPTIONS = "userOptions";
  public static final Var<Boolean> APPROVED = Var.bool("postmortemApproved");
  public static final Var<String> REVIEW_COMMENTS = Var.string("reviewComments");
  /** The postmortem document as Markdown (shown in the write and review forms; cut at 4,000 characters). */
  public static final Var<String> MARKDOWN = Var.string("postmortemMarkdown");
  /** Where the full document is: {@code GET /api/incidents/{key}/postmortem.md}. */
  public static final Var<String> URL = Var.string("postmortemUrl");
  /** JSON list of the action items due within the horizon; each starts an {@code action-item} process. */
  public static final String ACTION_ITEMS_DUE_SOON = "actionItemsDueSoon";
  public static final Var<Integer> ACTION_ITEMS_DUE_SOON_COUNT = Var.integer("actionItemsDueSoonCount");
  /** Input of {@code Task_StartActionItems}: how many working days before the due date the owner is reminded. */
  public static final Var<Integer> REMINDER_WORKING_DAYS_BEFORE = Var.integer("reminderWorkingDaysBefore");
  /** Input of {@code Task_StartActionItems}: the time of day the owner is reminded, {@code HH:mm} (e.g. {@code 09:00}). */
  public static final Var<String> REMINDER_TIME = Var.string("reminderTime");
  /** Input of {@code Task_StartActionItems}: the time of day on the due date an item falls due, {@code HH:mm}. */
  public static final Var<String> DUE_TIME = Var.string("dueTime");
  /** Input of {@code Task_PlanActionItems}: items due within this many working days become tasks. */
  public static final Var<Integer> HORIZON_WORKING_DAYS = Var.integer("horizonWorkingDays");

  public static final class Elements {
    public static final String POSTMORTEM_STARTED = "StartEvent_PostmortemRequired";
    public static final String CHOOSE_AUTHOR = "Task_ChoosePostmortemAuthor";
    public static final String PREFILL_POSTMORTEM = "Task_PrefillPostmortem";
    public static final String WRITE_POSTMORTEM = "Task_WritePostmortem";
    public static final String RENDER_POSTMORTEM = "Task_RenderPostmortem";
    public static final String REVIEW_POSTMORTEM = "Task_ReviewPostmortem";
    public static final String POSTMORTEM_APPROVED = "Gateway_PostmortemApproved";
    public static final String PLAN_ACTION_ITEMS = "Task_PlanActionItems";
    public static final String SHARE_POSTMORTEM = "Task_SharePostmortem";
    public static final String ACTION_ITEMS_DUE_SOON = "Gateway_ActionItemsDueSoon";
    public static final String START_ACTION_ITEMS = "Task_StartActionItems";
    public static final String POSTMORTEM_REVIEWED = "EndEvent_PostmortemReviewed";

    private Elements() {}
  }

  private PostmortemProcess() {}
}
