package io.firebreak.oncall;

import io.firebreak.oncall.Catalog.Person;
import io.firebreak.oncall.Catalog.Team;
import io.firebreak.oncall.CatalogStore.CatalogLoaded;
import io.firebreak.security.FirebreakGroups;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts the catalog's people and teams into Camunda's identity store, so pages, Tasklist
 * assignments and group notifications reach them: on start (once the security setup has created
 * Firebreak's groups) and after every reload. Idempotent; it adds and updates, never removes
 * (people leave through Camunda Admin). New people get no password unless
 * {@code firebreak.catalog.people-password} is set — a demo convenience, never for production —
 * so they cannot log in until an administrator sets their password.
 */
@Component
class CatalogIdentity {

  private static final Logger log = LoggerFactory.getLogger(CatalogIdentity.class);
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final IdentityService identity;
  private final CatalogStore store;
  private final OnCallProperties properties;

  CatalogIdentity(IdentityService identity, CatalogStore store, OnCallProperties properties) {
    this.identity = identity;
    this.store = store;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() {
    provision(store.catalog());
  }

  @EventListener
  void onReload(CatalogLoaded loaded) {
    provision(loaded.catalog());
  }

  synchronized void provision(Catalog catalog) {
    List<String> created = new ArrayList<>();
    for (Team team : catalog.teams().values()) {
      if (identity.createGroupQuery().groupId(team.id()).count() == 0) {
        Group group = identity.newGroup(team.id());
        group.setName(team.name());
        group.setType(Groups.GROUP_TYPE_WORKFLOW);
        identity.saveGroup(group);
      }
    }
    for (Person person : catalog.people().values()) {
      User user = identity.createUserQuery().userId(person.id()).singleResult();
      boolean isNew = user == null;
      if (isNew) {
        user = identity.newUser(person.id());
        String password = properties.peoplePassword();
        // No configured password: an unguessable one that is never shown, i.e. no login until an
        // administrator sets one (a user without any password trips Camunda's password check).
        user.setPassword(password != null && !password.isBlank() ? password : unguessable());
        created.add(person.id());
      }
      String[] names = person.name().strip().split("\\s+", 2);
      boolean changed = isNew || !equal(user.getFirstName(), names[0])
          || !equal(user.getLastName(), names.length > 1 ? names[1] : "") || !equal(user.getEmail(), person.email());
      if (changed) {
        user.setFirstName(names[0]);
        user.setLastName(names.length > 1 ? names[1] : "");
        user.setEmail(person.email());
        identity.saveUser(user);
      }
      for (String group : person.groups()) {
        join(person.id(), group);
      }
    }
    for (Team team : catalog.teams().values()) {
      for (String member : team.members()) {
        join(member, team.id());
      }
    }
    if (!created.isEmpty()) {
      log.info("Created {} catalog people in the identity store ({}): {}", created.size(),
          properties.peoplePassword() == null || properties.peoplePassword().isBlank()
              ? "no password; set one in Camunda Admin" : "password from FIREBREAK_CATALOG_PEOPLE_PASSWORD",
          created);
    }
  }

  private void join(String user, String group) {
    if (identity.createGroupQuery().groupId(group).count() == 0) {
      // A Firebreak group not created yet (normally IdentitySetup has): create it with its usual name.
      Group g = identity.newGroup(group);
      g.setName(FirebreakGroups.ALL.getOrDefault(group, group));
      g.setType(Groups.GROUP_TYPE_WORKFLOW);
      identity.saveGroup(g);
    }
    if (identity.createUserQuery().userId(user).memberOfGroup(group).count() == 0) {
      identity.createMembership(user, group);
    }
  }

  private static String unguessable() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static boolean equal(String a, String b) {
    return (a == null ? "" : a).equals(b == null ? "" : b);
  }
}
