package io.firebreak.postmortem;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Creates Camunda users for tests, idempotently (contexts are shared between test classes). */
public final class TestUsers {

  private TestUsers() {}

  public static void ensure(IdentityService identity, String id, String email, String... groups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(id);
      user.setLastName("Test");
      user.setEmail(email);
      user.setPassword("secret-" + id);
      identity.saveUser(user);
    }
    for (String group : groups) {
      if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
        identity.createMembership(id, group);
      }
    }
  }
}
