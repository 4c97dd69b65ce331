package io.firebreak.postmortem;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Marks the action item done in {@code fb_action_item} (status, who, when, outcome) and notes it on
 * the incident's timeline ({@code timeline-action-item-done}).
 *
 * <p>Used by {@code Task_RecordActionItemDone} in {@code action-item.bpmn}.
 */
@Component("recordActionItemDone")
class RecordActionItemDone implements JavaDelegate {

  private final ActionItemRepository actionItems;
  private final IncidentTimeline timeline;

  RecordActionItemDone(ActionItemRepository actionItems, IncidentTimeline timeline) {
    this.actionItems = actionItems;
    this.timeline = timeline;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String who = ActionItemProcess.COMPLETED_BY.getOr(execution, ActionItemProcess.OWNER.get(execution));
    if (actionItems.done(ActionItemProcess.ID.require(execution), who, ActionItemProcess.OUTCOME.get(execution))) {
      timeline.add(Incidents.keyOf(execution), TimelineKind.ACTION_ITEM_DONE, who, "action-item-done",
          facts("actionItemTitle", ActionItemProcess.TITLE.get(execution), "actionItemOutcome",
              ActionItemProcess.OUTCOME.get(execution), "completedBy", who));
    }
  }
}
