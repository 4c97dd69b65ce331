package io.firebreak.oncall;

import io.firebreak.oncall.Catalog.Person;
import io.firebreak.oncall.Catalog.Team;
import io.firebreak.oncall.CatalogStore.CatalogLoaded;
import io.firebreak.platform.FirebreakGroups;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    // The groups and each person's memberships are read once, not once per membership.
    Set<String> groups = new HashSet<>();
    identity.createGroupQuery().list().forEach(g -> groups.add(g.getId()));
    for (Team team : catalog.teams().values()) {
      ensureGroup(groups, team.id(), team.name());
    }
    List<String> created = new ArrayList<>();
    Map<String, Set<String>> memberships = new LinkedHashMap<>();
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
      String firstName = names[0];
      String lastName = names.length > 1 ? names[1] : "";
      if (isNew || !equal(user.getFirstName(), firstName) || !equal(user.getLastName(), lastName)
          || !equal(user.getEmail(), person.email())) {
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEmail(person.email());
        identity.saveUser(user);
      }
      memberships.computeIfAbsent(person.id(), id -> new LinkedHashSet<>()).addAll(person.groups());
    }
    for (Team team : catalog.teams().values()) {
      for (String member : team.members()) {
        memberships.computeIfAbsent(member, id -> new LinkedHashSet<>()).add(team.id());
      }
    }
    memberships.forEach((user, wanted) -> {
      if (wanted.isEmpty()) {
        return;
      }
      Set<String> current = new HashSet<>();
      identity.createGroupQuery().groupMember(user).list().forEach(g -> current.add(g.getId()));
      for (String group : wanted) {
        if (!current.contains(group)) {
          // A Firebreak group not created yet (normally IdentitySetup has): create it with its usual name.
          ensureGroup(groups, group, FirebreakGroups.ALL.getOrDefault(group, group));
          identity.createMembership(user, group);
        }
      }
    });
    if (!created.isEmpty()) {
      log.info("Created {} catalog people in the identity store ({}): {}", created.size(),
          properties.peoplePassword() == null || properties.peoplePassword().isBlank()
              ? "no password; set one in Camunda Admin" : "password from FIREBREAK_CATALOG_PEOPLE_PASSWORD",
          created);
    }
  }

  private void ensureGroup(Set<String> existing, String id, String name) {
    if (existing.add(id)) {
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(Groups.GROUP_TYPE_WORKFLOW);
      identity.saveGroup(group);
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
