package io.firebreak.incident;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Remembers who completed a user task, for roles that are taken by doing the work (the IC is who
 * completes triage; the acknowledger is who completes the page). The models say which variable,
 * through a complete listener such as {@code ${taskCompletion.recordCompleter(task, 'incidentCommander')}}.
 *
 * <p>Used by {@code Task_TriageIncident} (incident-triage) and {@code Task_AcknowledgePage}
 * (incident-escalation).
 */
@Component("taskCompletion")
public class TaskCompletion {

  /**
   * Sets {@code variable} (in the process instance) to the user completing the task, else (no one
   * logged in: a background completion) to its assignee. The person who did it is the truth for the
   * timeline, even when an admin completes someone else's task.
   */
  public void recordCompleter(DelegateTask task, String variable) {
    Authentication auth = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String who = auth == null || auth.getUserId() == null ? task.getAssignee() : auth.getUserId();
    if (who != null) {
      task.getExecution().setVariable(variable, who);
    }
  }
}
