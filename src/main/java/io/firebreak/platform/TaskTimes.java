package io.firebreak.platform;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Date arithmetic for task due and follow-up dates in the models ({@code camunda:dueDate="${taskTimes
 * .minutesAfterStart(execution, ackDelayMinutes)}"}): counted from when the task's activity started
 * (engine clock), so a due date re-evaluated after a re-plan ({@link RefreshOpenWork}) still counts
 * from the task's start, not from the re-plan. {@code null} minutes give no date.
 */
@Component("taskTimes")
public class TaskTimes {

  public Date minutesAfterStart(DelegateExecution execution, Number minutes) {
    return minutes == null ? null : new Date(start(execution).getTime() + minutes.longValue() * 60_000L);
  }

  public Date hoursAfterStart(DelegateExecution execution, Number hours) {
    return hours == null ? null : minutesAfterStart(execution, hours.longValue() * 60);
  }

  private static Date start(DelegateExecution execution) {
    String activityInstance = execution.getActivityInstanceId();
    if (activityInstance != null) {
      // Found once the task's start is committed; while the task is being created it starts now.
      HistoricActivityInstance started = Context.getCommandContext().runWithoutAuthorization(() ->
          execution.getProcessEngineServices().getHistoryService()
              .createHistoricActivityInstanceQuery().activityInstanceId(activityInstance).singleResult());
      if (started != null && started.getStartTime() != null) {
        return started.getStartTime();
      }
    }
    return ClockUtil.getCurrentTime();
  }
}
