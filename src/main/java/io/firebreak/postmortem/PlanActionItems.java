package io.firebreak.postmortem;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.FirebreakProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Splits the reviewed postmortem's action items by the horizon
 * ({@code firebreak.postmortem.action-item-horizon-working-days}): those due within it go to the
 * model as {@code actionItemsDueSoon} (JSON) to be assigned; the rest wait in the planning
 * backlog. Every item is stored in {@code fb_action_item} either way.
 *
 * <p>Used by {@code Task_PlanActionItems} in {@code incident-postmortem.bpmn}.
 */
@Component("planActionItems")
class PlanActionItems implements JavaDelegate {

  private final ActionItemRepository actionItems;
  private final IncidentRepository incidents;
  private final FirebreakProperties properties;

  PlanActionItems(ActionItemRepository actionItems, IncidentRepository incidents, FirebreakProperties properties) {
    this.actionItems = actionItems;
    this.incidents = incidents;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    List<ActionItem> items = ActionItems.parse(PostmortemProcess.ACTION_ITEMS.get(execution));
    LocalDate horizon = ActionItems.horizonEnd(StartActionItem.today(), properties.postmortem().actionItemHorizonWorkingDays());
    SpinJsonNode dueSoon = Spin.JSON("[]");
    List<String> planning = new ArrayList<>();
    for (ActionItem item : items) {
      boolean soon = !item.due().isAfter(horizon);
      long id = actionItems.insert(key, item, soon ? ActionItemRepository.NOW : ActionItemRepository.PLANNING);
      if (soon) {
        dueSoon.append(Spin.JSON("{}")
            .prop("id", id)
            .prop("title", item.title())
            .prop("owner", item.owner())
            .prop("kind", item.kind())
            .prop("due", item.due() + "T17:00:00"));
      } else {
        planning.add(item.title() + " (" + item.owner() + ", " + item.due() + ")");
      }
    }
    execution.setVariable(PostmortemProcess.ACTION_ITEMS_DUE_SOON, SpinValues.jsonValue(dueSoon.toString()).create());
    PostmortemProcess.ACTION_ITEMS_DUE_SOON_COUNT.set(execution, dueSoon.elements().size());
    incidents.addTimeline(key, "ACTION_ITEMS", "firebreak", String.format(
        "Postmortem reviewed: %d action item(s) due by %s assigned as tasks, %d for planning%s",
        dueSoon.elements().size(), horizon, planning.size(), planning.isEmpty() ? "" : ": " + String.join("; ", planning)));
  }
}
