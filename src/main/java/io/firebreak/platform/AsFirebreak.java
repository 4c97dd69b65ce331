package io.firebreak.platform;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine calls as Firebreak itself, without the request user's engine authorizations, and
 * restores the request's authentication after. For reads and actions whose rules live in the models
 * (who may act, who may see) or that are not the user's at all (health): with the caller as the
 * engine's authenticated user their queries would see only what the caller may read.
 */
public final class AsFirebreak {

  private AsFirebreak() {
  }

  public static <T> T call(IdentityService identity, Supplier<T> action) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return action.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
