package io.firebreak.incident;

import io.firebreak.platform.Var;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * Hands a role's open tasks over from one person to another, across every process instance of the
 * incident. Which tasks belong to the role is read from the deployed model of each task: a user
 * task whose {@code camunda:assignee} expression names {@code roleVariable} (e.g.
 * {@code ${execution.getVariable('incidentCommander')}}), or one with no assignee expression offered
 * to {@code roleGroup} (e.g. triage, offered to incident-commanders). Such a task moves to
 * {@code to} when {@code from} holds it or nobody does; every other task stays where it is, also
 * when {@code from} holds it in another role (e.g. as communications lead).
 *
 * <p>Used by {@code Task_HandOverIncidentCommanderTasks} in the {@code IncidentCommanderChanged}
 * event subprocess of {@code incident.bpmn}.
 */
@Component("handOverRoleTasks")
class HandOverRoleTasks implements JavaDelegate {

  static final Var<String> ROLE_VARIABLE = Var.string("roleVariable");
  static final Var<String> ROLE_GROUP = Var.string("roleGroup");
  static final Var<String> FROM = Var.string("from");
  static final Var<String> TO = Var.string("to");

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String role = ROLE_VARIABLE.require(execution);
    String group = ROLE_GROUP.get(execution);
    String from = FROM.get(execution);
    String to = TO.require(execution);
    Pattern names = Pattern.compile("\\b" + Pattern.quote(role) + "\\b");
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    RepositoryService repository = execution.getProcessEngineServices().getRepositoryService();
    Map<String, BpmnModelInstance> models = new HashMap<>();
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(key).active().list();
    for (Task task : open) {
      if (to.equals(task.getAssignee()) || !(task.getAssignee() == null || task.getAssignee().equals(from))) {
        continue;
      }
      BpmnModelInstance model = models.computeIfAbsent(task.getProcessDefinitionId(), repository::getBpmnModelInstance);
      if (model.getModelElementById(task.getTaskDefinitionKey()) instanceof UserTask element
          && heldInRole(element, names, group)) {
        tasks.setAssignee(task.getId(), to);
      }
    }
  }

  static boolean heldInRole(UserTask task, Pattern namesRole, String group) {
    String assignee = task.getCamundaAssignee();
    if (assignee != null && !assignee.isBlank()) {
      return namesRole.matcher(assignee).find();
    }
    String candidates = task.getCamundaCandidateGroups();
    return group != null && candidates != null
        && Arrays.stream(candidates.split(",")).map(String::strip).anyMatch(g -> Objects.equals(g, group));
  }
}
