package io.firebreak.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDecorator;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * Re-evaluates what this process instance already scheduled from its current variables, after the
 * model changed them (a re-plan): each open user task's name, description, priority, due and
 * follow-up date as its model defines them, and each waiting timer's due date as if the timer's
 * expression had had today's values from the start (a duration counts from when the timer was
 * created; a date is taken as it evaluates now; cycles are left alone). Assignee and candidates are
 * not touched, so a claimed task stays claimed. A due date in the past makes the timer due at once.
 *
 * <p>Optional local input {@code variables} (a map): set on the process instance first, e.g. the
 * severity the phase takes over from the incident.
 *
 * <p>Used by {@code Task_RefreshOpenWork} (incident.bpmn, severity changed), {@code
 * Task_RefreshEscalation} (incident-escalation.bpmn), {@code Task_RefreshTriageTask}
 * (incident-triage.bpmn) and {@code Task_RefreshRemediationTasks} (incident-remediation.bpmn).
 */
@Component("refreshOpenWork")
public class RefreshOpenWork implements JavaDelegate {

  /** Local input of the refresh step: variables to set before re-evaluating. */
  public static final String VARIABLES = "variables";

  @Override
  public void execute(DelegateExecution execution) {
    Object toSet = execution.getVariableLocal(VARIABLES);
    if (toSet instanceof Map<?, ?> values) {
      values.forEach((name, value) -> execution.getProcessInstance().setVariable(String.valueOf(name), value));
    }
    // The model re-plans, whoever's action caused it: their task and job authorizations do not apply.
    Context.getCommandContext().runWithoutAuthorization(() -> {
      refresh(execution.getProcessEngineServices(), execution.getProcessInstanceId(), execution.getProcessDefinitionId());
      return null;
    });
  }

  /** Refreshes the open tasks and waiting timers of one process instance (inside a command). */
  public static void refresh(ProcessEngineServices engine, String processInstanceId, String processDefinitionId) {
    CommandContext command = Context.getCommandContext();
    ExpressionManager expressions = Context.getProcessEngineConfiguration().getExpressionManager();
    for (Task open : engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).list()) {
      TaskEntity task = command.getTaskManager().findTaskById(open.getId());
      TaskDefinition definition = task == null ? null : task.getTaskDefinition();
      if (definition == null || task.getExecution() == null) {
        continue;
      }
      new Redecorate(definition, expressions).apply(task, task.getExecution());
    }
    BpmnModelInstance model = null;
    for (Job job : engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).timers().list()) {
      JobEntity timer = command.getJobManager().findJobById(job.getId());
      if (timer == null || timer.getActivityId() == null || timer.getExecutionId() == null) {
        continue;
      }
      if (model == null) {
        model = engine.getRepositoryService().getBpmnModelInstance(processDefinitionId);
      }
      Date due = dueOf(model, timer, expressions, command);
      if (due != null && !due.equals(timer.getDuedate())) {
        engine.getManagementService().setJobDuedate(timer.getId(), due);
      }
    }
  }

  private static Date dueOf(BpmnModelInstance model, JobEntity timer, ExpressionManager expressions, CommandContext command) {
    ModelElementInstance element = model.getModelElementById(timer.getActivityId());
    if (element == null) {
      return null;
    }
    TimerEventDefinition definition = element.getChildElementsByType(TimerEventDefinition.class).stream().findFirst().orElse(null);
    if (definition == null || definition.getTimeCycle() != null) {
      return null;
    }
    ExecutionEntity execution = command.getExecutionManager().findExecutionById(timer.getExecutionId());
    if (execution == null) {
      return null;
    }
    try {
      if (definition.getTimeDuration() != null) {
        Object value = expressions.createExpression(definition.getTimeDuration().getTextContent().strip()).getValue(execution);
        Date from = timer.getCreateTime() != null ? timer.getCreateTime() : timer.getDuedate();
        return Date.from(from.toInstant().plus(Duration.parse(String.valueOf(value).strip())));
      }
      if (definition.getTimeDate() != null) {
        Object value = expressions.createExpression(definition.getTimeDate().getTextContent().strip()).getValue(execution);
        if (value instanceof Date date) {
          return date;
        }
        String text = String.valueOf(value).strip();
        try {
          return Date.from(Instant.parse(text));
        } catch (DateTimeParseException e) {
          return Date.from(OffsetDateTime.parse(text).toInstant());
        }
      }
    } catch (RuntimeException e) {
      // A timer whose expression does not evaluate now (a variable the re-plan removed) keeps its time.
      return null;
    }
    return null;
  }

  /** Task name, description, priority and dates from the model; never the assignment. */
  private static final class Redecorate extends TaskDecorator {
    Redecorate(TaskDefinition definition, ExpressionManager expressions) {
      super(definition, expressions);
    }

    void apply(TaskEntity task, ExecutionEntity execution) {
      Expression name = getTaskDefinition().getNameExpression();
      if (name != null) {
        initializeTaskName(task, execution);
      }
      if (getTaskDefinition().getDescriptionExpression() != null) {
        initializeTaskDescription(task, execution);
      }
      if (getTaskDefinition().getPriorityExpression() != null) {
        initializeTaskPriority(task, execution);
      }
      if (getTaskDefinition().getDueDateExpression() != null) {
        initializeTaskDueDate(task, execution);
      }
      if (getTaskDefinition().getFollowUpDateExpression() != null) {
        initializeTaskFollowUpDate(task, execution);
      }
    }
  }
}
