package io.firebreak.incident;

import static io.firebreak.incident.IncidentVariables.ALERT_SEVERITY;
import static io.firebreak.incident.IncidentVariables.CUSTOMER_IMPACT;
import static io.firebreak.incident.IncidentVariables.DESCRIPTION;
import static io.firebreak.incident.IncidentVariables.INCIDENT_TYPE;
import static io.firebreak.incident.IncidentVariables.PROPOSED_SEVERITY;
import static io.firebreak.incident.IncidentVariables.REPORTER;
import static io.firebreak.incident.IncidentVariables.SERVICE;
import static io.firebreak.incident.IncidentVariables.SOURCE;
import static io.firebreak.incident.IncidentVariables.TITLE;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Declares incidents and changes them from code (the API, alert intake, Slack commands). Every
 * change goes through the incident's processes: a message they wait for, or the open task they
 * would otherwise wait for a person to complete in Tasklist.
 *
 * <p>Methods that may be called inside a caller's transaction check that the process waits for
 * what they send before sending it, so that a refused message never marks that transaction
 * rollback-only.
 */
@Service
public class IncidentService {

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IncidentRepository incidents;
  private final SeverityChanges severityChanges;
  private final IncidentTypes types;
  private final IncidentTimeline timeline;

  IncidentService(RuntimeService runtime, TaskService tasks, IncidentRepository incidents,
      SeverityChanges severityChanges, IncidentTypes types, IncidentTimeline timeline) {
    this.timeline = timeline;
    this.runtime = runtime;
    this.tasks = tasks;
    this.incidents = incidents;
    this.severityChanges = severityChanges;
    this.types = types;
  }

  /**
   * Starts the {@code incident} process by its {@code IncidentDeclared} message. It returns once the
   * incident is registered, classified and committed (the first save point follows the
   * classification), so the caller learns its key and severity.
   */
  public Incident declare(IncidentDeclaration declaration) {
    IncidentDeclaration valid = declaration.validated(types.deployed());
    VariableMap variables = Variables.createVariables();
    TITLE.put(variables, valid.title());
    DESCRIPTION.put(variables, valid.description());
    SERVICE.put(variables, valid.service());
    INCIDENT_TYPE.put(variables, valid.type());
    PROPOSED_SEVERITY.put(variables, valid.proposedSeverity());
    CUSTOMER_IMPACT.put(variables, valid.customerImpact());
    REPORTER.put(variables, valid.reporter());
    SOURCE.put(variables, valid.source());
    ALERT_SEVERITY.put(variables, valid.alertSeverity());
    ProcessInstance instance = runtime.createMessageCorrelation(IncidentProcess.MSG_INCIDENT_DECLARED)
        .setVariables(variables)
        .correlateStartMessage();
    String key = instance.getBusinessKey();
    return incidents.find(key).orElseThrow(() -> new IllegalStateException("incident " + key + " was not registered"));
  }

  public Incident get(String key) {
    return incidents.find(key).orElseThrow(() -> new IncidentNotFoundException(key));
  }

  public List<Incident> list(Incident.State state, int limit) {
    return incidents.list(state, limit);
  }

  /** Like {@link #list(Incident.State, int)}, skipping the {@code offset} newest. */
  public List<Incident> list(Incident.State state, int limit, int offset) {
    return incidents.list(state, limit, offset);
  }

  public List<TimelineEntry> timeline(String key) {
    return incidents.timeline(key);
  }

  /** Open tasks of every process instance of the incident (the called phases included). */
  public List<Task> openTasks(String key) {
    return tasks.createTaskQuery().processInstanceBusinessKey(key).initializeFormKeys().orderByTaskCreateTime().asc().list();
  }

  /** Asks the incident to change severity; its model re-plans and announces. */
  public Incident changeSeverity(String key, String severity, String reason, String changedBy) {
    Incident incident = get(key);
    if (incident.state() == Incident.State.CLOSED) {
      throw new IncidentConflictException(key + " is closed; its severity can no longer change");
    }
    try {
      severityChanges.request(runtime, key, severity, reason, changedBy);
    } catch (MismatchingMessageCorrelationException e) {
      throw new IncidentConflictException(key + " is not at a point where its severity can change", e);
    }
    return get(key);
  }

  /**
   * Acknowledges the page of the incident: message {@code PageAcknowledged} to its
   * {@code incident-escalation} instance with {@code acknowledgedBy}. {@code via} (pagerduty, slack,
   * api) goes on the timeline; the escalation model records the acknowledgement itself.
   *
   * @throws IncidentConflictException when no page of the incident waits for acknowledgement
   */
  public void acknowledgePage(String key, String who, String via) {
    Incident incident = get(key);
    Optional<String> escalation =
        waitingFor(key, IncidentProcess.Escalation.KEY, IncidentProcess.Escalation.MSG_PAGE_ACKNOWLEDGED);
    if (incident.state() == Incident.State.CLOSED || escalation.isEmpty()) {
      throw new IncidentConflictException("no page of " + key + " is waiting for acknowledgement");
    }
    timeline.add(key, TimelineKind.ACKNOWLEDGE_RECEIVED, who, "acknowledgement-received", IncidentTimeline.facts("via", via));
    runtime.createMessageCorrelation(IncidentProcess.Escalation.MSG_PAGE_ACKNOWLEDGED)
        .processInstanceId(escalation.get())
        .setVariable(IncidentProcess.Escalation.ACKNOWLEDGED_BY.name(), who)
        .correlateWithResult();
  }

  /**
   * Tells the incident that the alert behind it has resolved (message {@code AlertResolved} to its
   * remediation, which suggests resolution to the IC and never resolves by itself).
   *
   * @return whether the remediation took the signal; {@code false} while the incident is not
   *     remediating (still in triage, a minor incident, already resolved)
   */
  public boolean signalAlertResolved(String key) {
    Optional<String> remediation = waitingFor(key, RemediationProcess.KEY, RemediationProcess.MSG_ALERT_RESOLVED);
    remediation.ifPresent(id -> runtime.createMessageCorrelation(RemediationProcess.MSG_ALERT_RESOLVED)
        .processInstanceId(id).correlateWithResult());
    return remediation.isPresent();
  }

  /**
   * Posts a status update written elsewhere (Slack {@code /incident update}): completes the open
   * {@code Post status update} task when one is due (the cadence restarts), otherwise sends
   * {@code StatusUpdateReceived}, which publishes it through incident-communication.
   */
  public void postStatusUpdate(String key, String text, String postedBy) {
    Task due = openTask(key, IncidentProcess.Elements.POST_STATUS_UPDATE);
    if (due != null) {
      // The person who wrote it takes the task and completes it: the model's timeline line names them.
      tasks.setAssignee(due.getId(), postedBy);
      tasks.complete(due.getId(), Variables.createVariables()
          .putValue(IncidentProcess.UPDATE_TEXT.name(), text).putValue(IncidentProcess.WHAT_CHANGED.name(), null));
      return;
    } else {
      String incident = waitingFor(key, IncidentProcess.KEY, IncidentProcess.MSG_STATUS_UPDATE_RECEIVED)
          .orElseThrow(() -> new IncidentConflictException(key + " is not responding; there is nothing to update"));
      runtime.createMessageCorrelation(IncidentProcess.MSG_STATUS_UPDATE_RECEIVED)
          .processInstanceId(incident)
          .setVariable(IncidentProcess.UPDATE_TEXT.name(), text)
          // null, not "": a stale "what changed" of an earlier update must not be repeated.
          .setVariable(IncidentProcess.WHAT_CHANGED.name(), null)
          .correlateWithResult();
    }
    incidents.addTimeline(key, TimelineKind.STATUS_UPDATE, postedBy, text);
  }

  /**
   * Hands the IC role to {@code user}: message {@code IncidentCommanderChanged} to the incident,
   * whose model records the new IC, moves the tasks the old IC held as IC (before triage: the
   * triage task) and updates the channel topic.
   *
   * @throws IncidentConflictException when the incident is no longer responding
   */
  public void assignIncidentCommander(String key, String user, String assignedBy) {
    Incident incident = get(key);
    Optional<String> instance = waitingFor(key, IncidentProcess.KEY, IncidentProcess.MSG_INCIDENT_COMMANDER_CHANGED);
    if (incident.state() != Incident.State.OPEN) {
      throw new IncidentConflictException(key + " is " + incident.state().name().toLowerCase(java.util.Locale.ROOT)
          + "; its IC no longer changes");
    }
    if (instance.isEmpty()) {
      throw new IncidentConflictException(key + " has no full response and so no incident commander to change");
    }
    VariableMap variables = Variables.createVariables();
    IncidentProcess.NEW_INCIDENT_COMMANDER.put(variables, user);
    IncidentProcess.INCIDENT_COMMANDER_CHANGED_BY.put(variables, assignedBy);
    runtime.createMessageCorrelation(IncidentProcess.MSG_INCIDENT_COMMANDER_CHANGED)
        .processInstanceId(instance.get())
        .setVariables(variables)
        .correlateWithResult();
  }

  /**
   * Confirms resolution: completes the open {@code Confirm resolution} (or, for a minor incident,
   * {@code Handle minor incident}) task with the summary. Earlier steps stay with the process.
   *
   * @return the name of the task completed
   * @throws IncidentConflictException when no such task is open, naming what is open instead
   */
  public String resolve(String key, String summary, String resolvedBy) {
    Task task = openTask(key, RemediationProcess.Elements.RESOLVE_INCIDENT);
    if (task == null) {
      task = openTask(key, IncidentProcess.Elements.HANDLE_MINOR_INCIDENT);
    }
    if (task == null) {
      List<String> open = openTasks(key).stream().map(Task::getName).distinct().toList();
      throw new IncidentConflictException(key + " cannot be resolved yet" + (open.isEmpty() ? ""
          : "; open: " + String.join(", ", open)));
    }
    tasks.complete(task.getId(), Variables.createVariables()
        .putValue(IncidentVariables.RESOLUTION_SUMMARY.name(), summary));
    timeline.add(key, TimelineKind.RESOLVE_REQUESTED, resolvedBy, "resolution-confirmed", IncidentTimeline.facts("summary", summary));
    return task.getName();
  }

  private Task openTask(String key, String taskDefinitionKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey(taskDefinitionKey).active()
        .list().stream().findFirst().orElse(null);
  }

  /** The active instance of {@code processKey} for the incident that has a subscription for {@code message}. */
  private Optional<String> waitingFor(String key, String processKey, String message) {
    // One query: the execution that holds the subscription (the instance itself or one inside it).
    return runtime.createExecutionQuery().processInstanceBusinessKey(key).processDefinitionKey(processKey)
        .messageEventSubscriptionName(message).active().list().stream()
        .map(Execution::getProcessInstanceId)
        .findFirst();
  }

  /** No incident with this key. */
  public static class IncidentNotFoundException extends RuntimeException {
    public IncidentNotFoundException(String key) {
      super("no incident " + key);
    }
  }

  /** The incident exists but cannot do what was asked in its current state. */
  public static class IncidentConflictException extends RuntimeException {
    public IncidentConflictException(String message) {
      super(message);
    }

    public IncidentConflictException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
