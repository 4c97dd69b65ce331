package io.firebreak.incident;

import io.firebreak.platform.AsFirebreak;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Who may see an incident on the incident page, decided by Camunda's authorizations as Cockpit and
 * Tasklist decide who sees its process instance: {@code READ} on the incident's process instance,
 * or {@code READ_INSTANCE} on the process definition {@code incident} (grants, revokes and global
 * authorizations as Camunda Admin sets them; the seeded ones let responders, incident commanders,
 * communications, leadership and legal read every incident). A confidential incident is kept from
 * a group by not granting it, or by a revoke for it. The person who declared an incident (its
 * reporter, or the user who started it in Tasklist) always sees what they declared.
 */
@Service
public class IncidentVisibility {

  private final AuthorizationService authorizations;
  private final HistoryService history;
  private final IdentityService identity;

  IncidentVisibility(AuthorizationService authorizations, HistoryService history, IdentityService identity) {
    this.authorizations = authorizations;
    this.history = history;
    this.identity = identity;
  }

  /**
   * The incident, if the user may read it; otherwise "not found", as for a key that does not exist
   * (whether a confidential incident exists is itself not for everyone).
   */
  public Incident requireRead(Incident incident, String userId, List<String> groups) {
    if (!mayRead(incident, userId, groups)) {
      throw new IncidentService.IncidentNotFoundException(incident.key());
    }
    return incident;
  }

  public boolean mayRead(Incident incident, String userId, List<String> groups) {
    if (userId == null) {
      return false;
    }
    if (userId.equals(incident.reporter())) {
      return true;
    }
    String instance = incident.processInstanceId();
    if (instance != null) {
      if (authorizations.isUserAuthorized(userId, groups, Permissions.READ, Resources.PROCESS_INSTANCE, instance)) {
        return true;
      }
    }
    if (authorizations.isUserAuthorized(userId, groups, Permissions.READ_INSTANCE, Resources.PROCESS_DEFINITION,
        IncidentProcess.KEY)) {
      return true;
    }
    return instance != null && Objects.equals(userId, startedBy(instance));
  }

  private String startedBy(String processInstanceId) {
    // Read as Firebreak: the caller, as the engine's authenticated user, may lack READ_HISTORY.
    return AsFirebreak.call(identity, () -> {
      HistoricProcessInstance started = history.createHistoricProcessInstanceQuery()
          .processInstanceId(processInstanceId).singleResult();
      return started == null ? null : started.getStartUserId();
    });
  }
}
