package io.firebreak.postmortem;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
import io.firebreak.platform.FirebreakProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Splits the reviewed postmortem's action items by the horizon, the model's input
 * {@code horizonWorkingDays} (element template "Plan action items"; a model without it falls back to
 * {@code firebreak.postmortem.action-item-horizon-working-days}): those due within it go to the
 * model as {@code actionItemsDueSoon} (JSON) to be assigned; the rest wait in the planning
 * backlog. Every item is stored in {@code fb_action_item} either way.
 *
 * <p>Used by {@code Task_PlanActionItems} in {@code incident-postmortem.bpmn}.
 */
@Component("planActionItems")
class PlanActionItems implements JavaDelegate {

  private final ActionItemRepository actionItems;
  private final IncidentTimeline timeline;
  private final FirebreakProperties properties;

  PlanActionItems(ActionItemRepository actionItems, IncidentTimeline timeline, FirebreakProperties properties) {
    this.actionItems = actionItems;
    this.timeline = timeline;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    List<ActionItem> items = ActionItems.parse(PostmortemProcess.ACTION_ITEMS.get(execution));
    int workingDays = PostmortemProcess.HORIZON_WORKING_DAYS.getOr(execution,
        properties.postmortem().actionItemHorizonWorkingDays());
    LocalDate horizon = ActionItems.horizonEnd(StartActionItem.today(), workingDays);
    SpinJsonNode dueSoon = Spin.JSON("[]");
    List<Map<String, Object>> planning = new ArrayList<>();
    for (ActionItem item : items) {
      boolean soon = !item.due().isAfter(horizon);
      long id = actionItems.insert(key, item, soon ? ActionItemRepository.NOW : ActionItemRepository.PLANNING);
      if (soon) {
        dueSoon.append(Spin.JSON("{}")
            .prop("id", id)
            .prop("title", item.title())
            .prop("owner", item.owner())
            .prop("kind", item.kind())
            // The day only: the time of day it falls due is Task_StartActionItems' input dueTime.
            .prop("due", item.due().toString()));
      } else {
        planning.add(facts("title", item.title(), "owner", item.owner(), "due", item.due().toString()));
      }
    }
    execution.setVariable(PostmortemProcess.ACTION_ITEMS_DUE_SOON, SpinValues.jsonValue(dueSoon.toString()).create());
    PostmortemProcess.ACTION_ITEMS_DUE_SOON_COUNT.set(execution, dueSoon.elements().size());
    timeline.add(key, TimelineKind.ACTION_ITEMS, "firebreak", "action-items-planned", facts("dueSoonCount",
        dueSoon.elements().size(), "horizon", horizon.toString(), "planningCount", planning.size(), "planning", planning));
  }
}
