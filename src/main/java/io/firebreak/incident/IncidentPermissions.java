package io.firebreak.incident;

import io.firebreak.platform.AsFirebreak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Who may declare and act on incidents outside Tasklist, decided by Camunda, not by Java:
 *
 * <ul>
 *   <li>Declaring (API, Slack; not alert intake, which machines call with the intake token) needs
 *       what starting {@code incident} in Tasklist needs: the {@code CREATE_INSTANCE} permission on
 *       the process definition {@code incident}, checked by Camunda's {@link AuthorizationService}
 *       for the user and their groups (grants, revokes and global authorizations as Camunda Admin
 *       sets them).
 *   <li>An action on a running incident ({@link IncidentAction}) is allowed when the person could
 *       complete the action's open task in Tasklist (its assignee, a candidate user, a member of a
 *       candidate group, or someone the engine's task authorizations let work on it), or is named
 *       for the action by the incident's model: the
 *       {@code firebreak.<action>.candidateGroups} and {@code .candidateUsers} properties of the
 *       {@code incident} process, read from the definition the incident runs on; comma-separated,
 *       expressions such as {@code ${execution.getVariable('incidentCommander')}} evaluated on the
 *       incident, as in a user task's candidate attributes.
 * </ul>
 *
 * Refusals are {@link ForbiddenException}s whose message is a sentence for the person refused.
 */
@Service
public class IncidentPermissions {

  private static final Logger log = LoggerFactory.getLogger(IncidentPermissions.class);

  private final AuthorizationService authorizations;
  private final IdentityService identity;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final ProcessEngineConfigurationImpl engine;

  IncidentPermissions(AuthorizationService authorizations, IdentityService identity, TaskService tasks,
      RuntimeService runtime, RepositoryService repository, ProcessEngineConfigurationImpl engine) {
    this.authorizations = authorizations;
    this.identity = identity;
    this.tasks = tasks;
    this.runtime = runtime;
    this.repository = repository;
    this.engine = engine;
  }

  /** Whether {@code userId} is a user in Camunda's identity store. */
  public boolean isUser(String userId) {
    return userId != null && identity.createUserQuery().userId(userId).count() > 0;
  }

  /** The Camunda groups of a user (for callers that know only the user id, such as Slack). */
  public List<String> groupsOf(String userId) {
    return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  /** Whether the user may start {@code incident}: Camunda's CREATE_INSTANCE on its process definition. */
  public boolean mayDeclare(String userId, List<String> groups) {
    return authorizations.isUserAuthorized(userId, groups, Permissions.CREATE_INSTANCE,
        Resources.PROCESS_DEFINITION, IncidentProcess.KEY);
  }

  /** @throws ForbiddenException unless {@link #mayDeclare} */
  public void requireDeclare(String userId, List<String> groups) {
    if (!mayDeclare(userId, groups)) {
      throw new ForbiddenException(userId + " may not declare incidents: that needs the permission to start the "
          + "process \"" + IncidentProcess.KEY + "\" (CREATE_INSTANCE on its process definition), which a Camunda "
          + "administrator grants to a group in Camunda Admin.");
    }
  }

  /**
   * Whether the user may take the action on the incident now. An incident whose process has ended
   * is left to {@link IncidentService}, which refuses every change to it.
   */
  public boolean may(IncidentAction action, Incident incident, String userId, List<String> groups) {
    // The rule reads the incident whole: with the caller as the engine's authenticated user its
    // queries would see only what the caller may read, and "no instance" would read as "allowed".
    return AsFirebreak.call(identity, () -> mayAsFirebreak(action, incident, userId, groups));
  }

  private boolean mayAsFirebreak(IncidentAction action, Incident incident, String userId, List<String> groups) {
    ProcessInstance instance = instance(incident);
    if (instance == null) {
      return true;
    }
    // Tasklist's own notion of "mine or my groups'": assignee, candidate user, candidate group;
    // candidates keep a task they could take over in Tasklist when someone else holds it.
    TaskQuery mine = tasks.createTaskQuery().processInstanceBusinessKey(incident.key())
        .taskDefinitionKeyIn(action.tasks().toArray(String[]::new)).active()
        .or().taskAssignee(userId).taskCandidateUser(userId);
    if (!groups.isEmpty()) {
      mine = mine.taskCandidateGroupIn(groups);
    }
    if (mine.includeAssignedTasks().endOr().count() > 0) {
      return true;
    }
    if (openTasks(action, incident).stream().anyMatch(task -> mayWork(task, userId, groups))) {
      return true;
    }
    Named named = named(action, instance);
    return named.users.contains(userId) || groups.stream().anyMatch(named.groups::contains);
  }

  /** @throws ForbiddenException unless {@link #may}, naming who may instead */
  public void require(IncidentAction action, Incident incident, String userId, List<String> groups) {
    if (may(action, incident, userId, groups)) {
      return;
    }
    Set<String> users = new LinkedHashSet<>();
    Set<String> candidateGroups = new LinkedHashSet<>();
    List<String> taskNames = new ArrayList<>();
    for (Task task : openTasks(action, incident)) {
      taskNames.add(task.getName());
      for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
        if (link.getGroupId() != null && IdentityLinkType.CANDIDATE.equals(link.getType())) {
          candidateGroups.add(link.getGroupId());
        } else if (link.getUserId() != null && (IdentityLinkType.CANDIDATE.equals(link.getType())
            || IdentityLinkType.ASSIGNEE.equals(link.getType()))) {
          users.add(link.getUserId());
        }
      }
    }
    Named named = named(action, instance(incident));
    users.addAll(named.users);
    candidateGroups.addAll(named.groups);
    String who = who(users, candidateGroups);
    throw new ForbiddenException(userId + " may not " + action.phrase() + " " + incident.key() + ": "
        + (who.isEmpty() ? "nobody is named for that at this point of the incident." : "that is for " + who
            + (taskNames.isEmpty() ? "" : " (the open task " + taskNames.stream().distinct()
                .map(n -> "\"" + n + "\"").collect(Collectors.joining(", ")) + " and the incident model)")
            + "."));
  }

  /**
   * What the engine checks before anyone completes a task in Tasklist (TASK_WORK or UPDATE on the
   * task, TASK_WORK or UPDATE_TASK on its process definition): grants an administrator made in
   * Camunda Admin, such as the seeded UPDATE on every task for incident-commanders.
   */
  private boolean mayWork(Task task, String userId, List<String> groups) {
    String definitionKey = repository.getProcessDefinition(task.getProcessDefinitionId()).getKey();
    return authorizations.isUserAuthorized(userId, groups, Permissions.TASK_WORK, Resources.TASK, task.getId())
        || authorizations.isUserAuthorized(userId, groups, Permissions.UPDATE, Resources.TASK, task.getId())
        || authorizations.isUserAuthorized(userId, groups, Permissions.TASK_WORK, Resources.PROCESS_DEFINITION,
            definitionKey)
        || authorizations.isUserAuthorized(userId, groups, Permissions.UPDATE_TASK, Resources.PROCESS_DEFINITION,
            definitionKey);
  }

  private static String who(Set<String> users, Set<String> groups) {
    List<String> parts = new ArrayList<>(users);
    if (!groups.isEmpty()) {
      parts.add("members of " + String.join(", ", groups));
    }
    return String.join(" or ", parts);
  }

  private List<Task> openTasks(IncidentAction action, Incident incident) {
    return tasks.createTaskQuery().processInstanceBusinessKey(incident.key())
        .taskDefinitionKeyIn(action.tasks().toArray(String[]::new)).active().list();
  }

  private ProcessInstance instance(Incident incident) {
    return incident.processInstanceId() == null ? null
        : runtime.createProcessInstanceQuery().processInstanceId(incident.processInstanceId()).singleResult();
  }

  private record Named(Set<String> users, Set<String> groups) {}

  /** Users and groups the incident's model names for the action, evaluated on the incident. */
  private Named named(IncidentAction action, ProcessInstance instance) {
    if (instance == null) {
      return new Named(Set.of(), Set.of());
    }
    Map<String, String> properties = properties(instance.getProcessDefinitionId());
    return new Named(evaluate(properties.get(action.candidateUsersProperty()), instance.getId()),
        evaluate(properties.get(action.candidateGroupsProperty()), instance.getId()));
  }

  /** The camunda:properties of the {@code incident} process element of a deployed definition. */
  private Map<String, String> properties(String definitionId) {
    // The engine caches the parsed model per definition (deployment cache).
    BpmnModelInstance model = repository.getBpmnModelInstance(definitionId);
    Map<String, String> properties = new LinkedHashMap<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      ExtensionElements extensions = process.getExtensionElements();
      if (!IncidentProcess.KEY.equals(process.getId()) || extensions == null) {
        continue;
      }
      for (CamundaProperties list : extensions.getElementsQuery().filterByType(CamundaProperties.class).list()) {
        for (CamundaProperty p : list.getCamundaProperties()) {
          if (p.getCamundaName() != null && p.getCamundaValue() != null) {
            properties.put(p.getCamundaName().strip(), p.getCamundaValue());
          }
        }
      }
    }
    return properties;
  }

  private Set<String> evaluate(String value, String executionId) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    Object result = value;
    if (value.contains("${") || value.contains("#{")) {
      try {
        result = engine.getCommandExecutorTxRequired().execute(context -> {
          ExecutionEntity execution = context.getExecutionManager().findExecutionById(executionId);
          return execution == null ? null : engine.getExpressionManager().createExpression(value).getValue(execution);
        });
      } catch (ProcessEngineException e) {
        // A broken expression in a deployed model names nobody; the owner sees why in the log.
        log.warn("Cannot evaluate \"{}\" of process {} for incident permissions: {}", value, IncidentProcess.KEY,
            e.getMessage());
        return Set.of();
      }
    }
    Collection<?> parts = result instanceof Collection<?> c ? c
        : result == null ? List.of() : Arrays.asList(result.toString().split(","));
    return parts.stream().filter(p -> p != null).map(p -> p.toString().strip()).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The person may not do this; the message says why, in a sentence. */
  public static class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
      super(message);
    }
  }
}
