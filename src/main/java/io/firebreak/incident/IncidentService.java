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
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/** Declares incidents and changes them from code (the API now, intake and Slack later). */
@Service
public class IncidentService {

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IncidentRepository incidents;
  private final SeverityChanges severityChanges;

  IncidentService(RuntimeService runtime, TaskService tasks, IncidentRepository incidents,
      SeverityChanges severityChanges) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.incidents = incidents;
    this.severityChanges = severityChanges;
  }

  /**
   * Starts the {@code incident} process by its {@code IncidentDeclared} message. It returns once the
   * incident is registered, classified and committed (the first save point follows the
   * classification), so the caller learns its key and severity.
   */
  public Incident declare(IncidentDeclaration declaration) {
    IncidentDeclaration valid = declaration.validated();
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
