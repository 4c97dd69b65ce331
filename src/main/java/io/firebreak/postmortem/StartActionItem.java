package io.firebreak.postmortem;

import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.Var;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * Starts one {@code action-item} process (message {@code ActionItemAssigned}) for the item in the
 * multi-instance element variable {@code actionItem}, with the incident key as business key, so the
 * item lives on after the postmortem and the incident end. The times are the model's inputs
 * (element template "Assign action items"): the item falls due at {@code dueTime} ({@code HH:mm}) of
 * its due date; the owner is reminded at {@code reminderTime} {@code reminderWorkingDaysBefore}
 * working days before, or at once when that moment has passed.
 *
 * <p>Used by {@code Task_StartActionItems} in {@code incident-postmortem.bpmn}.
 */
@Component("startActionItem")
class StartActionItem implements JavaDelegate {

  static final String ELEMENT_VARIABLE = "actionItem";
  // Only for a postmortem model deployed before these were inputs (a running incident on an older
  // version): the times it was built with. The shipped model sets all three.
  private static final int LEGACY_REMINDER_DAYS = 1;
  private static final String LEGACY_REMINDER_TIME = "09:00";
  private static final String LEGACY_DUE_TIME = "17:00";

  private final ActionItemRepository actionItems;

  StartActionItem(ActionItemRepository actionItems) {
    this.actionItems = actionItems;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    SpinJsonNode item = (SpinJsonNode) execution.getVariable(ELEMENT_VARIABLE);
    long id = item.prop("id").numberValue().longValue();
    String dueText = item.prop("due").stringValue();
    // A list planned before the due time was an input carries it ("2026-03-06T17:00:00").
    LocalDateTime due = dueText.contains("T") ? LocalDateTime.parse(dueText)
        : LocalDateTime.of(LocalDate.parse(dueText), time(PostmortemProcess.DUE_TIME, execution, LEGACY_DUE_TIME));
    int before = PostmortemProcess.REMINDER_WORKING_DAYS_BEFORE.getOr(execution, LEGACY_REMINDER_DAYS);
    LocalDateTime remind = LocalDateTime.of(ActionItems.addWorkingDays(due.toLocalDate(), -before),
        time(PostmortemProcess.REMINDER_TIME, execution, LEGACY_REMINDER_TIME));
    Date now = ClockUtil.getCurrentTime();
    Date remindAt = date(remind).after(now) ? date(remind) : now;

    VariableMap vars = Variables.createVariables();
    IncidentVariables.INCIDENT_KEY.put(vars, key);
    // The incident title at instance level, so Cockpit shows which incident an item belongs to.
    IncidentVariables.TITLE.put(vars, IncidentVariables.TITLE.get(execution));
    IncidentVariables.SEVERITY.put(vars, IncidentVariables.SEVERITY.get(execution));
    ActionItemProcess.ID.put(vars, Math.toIntExact(id));
    ActionItemProcess.TITLE.put(vars, item.prop("title").stringValue());
    ActionItemProcess.OWNER.put(vars, item.prop("owner").stringValue());
    ActionItemProcess.KIND.put(vars, item.prop("kind").stringValue());
    ActionItemProcess.DUE_DAY.put(vars, due.toLocalDate().toString());
    vars.putValue(ActionItemProcess.DUE, date(due));
    vars.putValue(ActionItemProcess.REMIND_AT, remindAt);
    ProcessInstance started = execution.getProcessEngineServices().getRuntimeService()
        .createMessageCorrelation(ActionItemProcess.MSG_ACTION_ITEM_ASSIGNED)
        .processInstanceBusinessKey(key)
        .setVariables(vars)
        .correlateStartMessage();
    actionItems.assigned(id, started.getId());
  }

  private static LocalTime time(Var<String> input, DelegateExecution execution, String legacy) {
    String value = input.getOr(execution, legacy).strip();
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("input " + input.name() + " of " + execution.getCurrentActivityId()
          + " must be a time of day HH:mm, not '" + value + "'", e);
    }
  }

  private static Date date(LocalDateTime time) {
    return Date.from(time.atZone(ZoneId.systemDefault()).toInstant());
  }

  static LocalDate today() {
    return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
  }
}
