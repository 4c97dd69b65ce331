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
  /** Action items as the author typed them: one per line, {@code title | owner | YYYY-MM-DD}. */
  public static final Var<String> ACTION_ITEMS = Var.string("actionItems");
  public static final Var<Boolean> APPROVED = Var.bool("postmortemApproved");
  public static final Var<String> REVIEW_COMMENTS = Var.string("reviewComments");
  /** JSON list of the action items due within the horizon; each becomes a task. */
  public static final String ACTION_ITEMS_DUE_SOON = "actionItemsDueSoon";
  public static final Var<Integer> ACTION_ITEMS_DUE_SOON_COUNT = Var.integer("actionItemsDueSoonCount");
  /** Local to each {@code Task_CompleteActionItem} instance: the item's title and due date (input mapping). */
  public static final Var<String> ACTION_ITEM_TITLE = Var.string("actionItemTitle");
  public static final Var<String> ACTION_ITEM_DUE = Var.string("actionItemDue");
  /** What the owner did about the action item (form complete-action-item). */
  public static final Var<String> ACTION_ITEM_OUTCOME = Var.string("actionItemOutcome");

  public static final class Elements {
    public static final String POSTMORTEM_STARTED = "StartEvent_PostmortemRequired";
    public static final String CHOOSE_AUTHOR = "Task_ChoosePostmortemAuthor";
    public static final String WRITE_POSTMORTEM = "Task_WritePostmortem";
    public static final String REVIEW_POSTMORTEM = "Task_ReviewPostmortem";
    public static final String POSTMORTEM_APPROVED = "Gateway_PostmortemApproved";
    public static final String PLAN_ACTION_ITEMS = "Task_PlanActionItems";
    public static final String ACTION_ITEMS_DUE_SOON = "Gateway_ActionItemsDueSoon";
    public static final String COMPLETE_ACTION_ITEM = "Task_CompleteActionItem";
    public static final String POSTMORTEM_REVIEWED = "EndEvent_PostmortemReviewed";

    private Elements() {}
  }

  private PostmortemProcess() {}
}
