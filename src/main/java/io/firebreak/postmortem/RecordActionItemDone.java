package io.firebreak.postmortem;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Marks the action item done in {@code fb_action_item} (status, who, when, outcome) and notes it on
 * the incident's timeline.
 *
 * <p>Used by {@code Task_RecordActionItemDone} in {@code action-item.bpmn}.
 */
@Component("recordActionItemDone")
class RecordActionItemDone implements JavaDelegate {

  private final ActionItemRepository actionItems;
  private final IncidentRepository incidents;

  RecordActionItemDone(ActionItemRepository actionItems, IncidentRepository incidents) {
    this.actionItems = actionItems;
    this.incidents = incidents;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String who = ActionItemProcess.COMPLETED_BY.getOr(execution, ActionItemProcess.OWNER.get(execution));
    if (actionItems.done(ActionItemProcess.ID.require(execution), who, ActionItemProcess.OUTCOME.get(execution))) {
      incidents.addTimeline(Incidents.keyOf(execution), "ACTION_ITEM_DONE", who,
          "Action item done: " + ActionItemProcess.TITLE.get(execution) + " — " + ActionItemProcess.OUTCOME.getOr(execution, ""));
    }
  }
}
