package io.firebreak.platform;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Runs an action Firebreak has already allowed by the incident's model ({@code IncidentPermissions}:
 * whoever could complete the matching task, or whom the model names) without the request user's
 * engine authorizations, which know nothing of those rules — as the Slack commands do. The user's
 * name still goes with the action as a variable; the request's authentication is restored after.
 */
@Component
public class EngineActions {

  private final IdentityService identity;

  EngineActions(IdentityService identity) {
    this.identity = identity;
  }

  public <T> T asFirebreak(Supplier<T> action) {
    return AsFirebreak.call(identity, action);
  }
}
