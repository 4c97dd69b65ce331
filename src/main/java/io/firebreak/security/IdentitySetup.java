package io.firebreak.security;

import static io.firebreak.platform.FirebreakGroups.ADMINS;
import static io.firebreak.platform.FirebreakGroups.COMMUNICATIONS;
import static io.firebreak.platform.FirebreakGroups.INCIDENT_COMMANDERS;
import static io.firebreak.platform.FirebreakGroups.LEADERSHIP;
import static io.firebreak.platform.FirebreakGroups.LEGAL;
import static io.firebreak.platform.FirebreakGroups.RESPONDERS;
import static io.firebreak.platform.FirebreakGroups.SUPPORT;

import io.firebreak.incident.DeclarationProcess;
import io.firebreak.maintenance.MaintenanceProcess;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.platform.FirebreakGroups;
import io.firebreak.platform.FirebreakProperties;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates, on every start and idempotently, what Firebreak needs in Camunda's identity store: the
 * groups the processes assign work to, and the {@code admin} user (the shared Tasklist filters: {@code web.TasklistFilters}).
 *
 * <p>The default authorizations that let each group do its part (support, responders, incident
 * commanders and communications may declare; responders work their tasks; leadership follows
 * incidents in Cockpit) are seeded <em>once</em>, on the first start against a database: the
 * engine property {@value #SEEDED_PROPERTY} remembers it. From then on they belong to the
 * administrators in Camunda Admin; a grant they revoke stays revoked across restarts.
 */
@Component
class IdentitySetup implements SmartInitializingSingleton {

  static final String ADMIN = "admin";
  /** Engine property (ACT_GE_PROPERTY) holding the version of the default authorizations seeded. */
  static final String SEEDED_PROPERTY = "firebreak.authorizations.seeded";
  /** Engine property remembering that the planned-maintenance grants were seeded (once, like the rest). */
  static final String MAINTENANCE_SEEDED_PROPERTY = "firebreak.authorizations.maintenance.seeded";
  /** Raise when a release adds default authorizations: they are seeded once more, on top of what is there. */
  static final int SEED_VERSION = 1;
  /** Groups that may declare incidents by default (CREATE_INSTANCE on {@code incident}). */
  private static final List<String> DECLARERS = List.of(SUPPORT, RESPONDERS, INCIDENT_COMMANDERS, COMMUNICATIONS);
  /** Groups that may plan maintenance by default (CREATE_INSTANCE on {@code maintenance}). */
  private static final List<String> MAINTAINERS = List.of(RESPONDERS, INCIDENT_COMMANDERS, COMMUNICATIONS);
  private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);
  private static final List<String> FOLLOWERS = List.of(RESPONDERS, INCIDENT_COMMANDERS, COMMUNICATIONS, LEADERSHIP, LEGAL);

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final ManagementService management;
  private final FirebreakProperties properties;

  IdentitySetup(IdentityService identity, AuthorizationService authorizations, ManagementService management,
      FirebreakProperties properties) {
    this.management = management;
    this.identity = identity;
    this.authorizations = authorizations;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    groups();
    admin();
    seedGrantsOnce();
  }

  /** Seeds the default authorizations unless this database already has them (of this version). */
  void seedGrantsOnce() {
    String seeded = management.getProperties().get(SEEDED_PROPERTY);
    if (management.getProperties().get(MAINTENANCE_SEEDED_PROPERTY) == null) {
      // Planned maintenance came later: its grants are seeded once on their own, also on an
      // installation seeded before, without re-adding grants an administrator revoked.
      maintenanceGrants();
      management.setProperty(MAINTENANCE_SEEDED_PROPERTY, "1");
    }
    if (seeded != null && seeded.matches("\\d+") && Integer.parseInt(seeded) >= SEED_VERSION) {
      return;
    }
    grants();
    management.setProperty(SEEDED_PROPERTY, Integer.toString(SEED_VERSION));
    log.info("Seeded Firebreak's default authorizations (version {}); from now on they are managed in Camunda Admin",
        SEED_VERSION);
  }

  private void groups() {
    if (identity.createGroupQuery().groupId(ADMINS).count() == 0) {
      Group admins = identity.newGroup(ADMINS);
      admins.setName("Camunda administrators");
      admins.setType(Groups.GROUP_TYPE_SYSTEM);
      identity.saveGroup(admins);
    }
    FirebreakGroups.ALL.forEach((id, name) -> {
      if (identity.createGroupQuery().groupId(id).count() == 0) {
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType(Groups.GROUP_TYPE_WORKFLOW);
        identity.saveGroup(group);
      }
    });
  }

  private void admin() {
    String configured = properties.admin().password();
    User admin = identity.createUserQuery().userId(ADMIN).singleResult();
    if (admin == null) {
      admin = identity.newUser(ADMIN);
      admin.setFirstName("Firebreak");
      admin.setLastName("Administrator");
      boolean generated = configured == null || configured.isBlank();
      admin.setPassword(generated ? generatePassword() : configured);
      identity.saveUser(admin);
      if (generated) {
        // Logged exactly once: on the start that creates the user.
        log.warn("Created user 'admin' with generated password: {}  (set FIREBREAK_ADMIN_PASSWORD to choose one)",
            admin.getPassword());
      }
    } else if (configured != null && !configured.isBlank()) {
      // An operator who sets the password means to get in: lift any lock first (a lockout from an
      // older configuration, or checkPassword below refusing a locked user), then set it if it differs.
      identity.unlockUser(ADMIN);
      if (!identity.checkPassword(ADMIN, configured)) {
        admin.setPassword(configured);
        identity.saveUser(admin);
        identity.unlockUser(ADMIN);
        log.info("Password of user 'admin' set from FIREBREAK_ADMIN_PASSWORD");
      }
    }
    // The admin can play every role, so a fresh installation can run a whole incident alone.
    for (String group : concat(List.of(ADMINS), FirebreakGroups.ALL.keySet().stream().toList())) {
      if (identity.createUserQuery().userId(ADMIN).memberOfGroup(group).count() == 0) {
        identity.createMembership(ADMIN, group);
      }
    }
  }

  private void grants() {
    for (Resources resource : Resources.values()) {
      grant(ADMINS, resource, "*", Permissions.ALL);
    }
    // Who may declare is decided by one permission, CREATE_INSTANCE on the definition "incident"
    // (Tasklist, the API and Slack alike); what else starting needs is granted to every user.
    grantEveryone(Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    // Starting an incident in Tasklist runs its declaration (call activity) in the starter's own
    // transaction, and the engine looks the called definition up with the starter's permissions.
    grantEveryone(Resources.PROCESS_DEFINITION, DeclarationProcess.KEY, Permissions.READ);
    for (String group : DECLARERS) {
      grant(group, Resources.PROCESS_DEFINITION, IncidentProcess.KEY, Permissions.READ, Permissions.CREATE_INSTANCE);
    }
    for (String group : FirebreakGroups.ALL.keySet()) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, IncidentProcess.KEY, Permissions.READ);
      // Tasklist filters: each filter's own READ grant, made with it (web.TasklistFilters).
      grant(group, Resources.USER, "*", Permissions.READ);
      grant(group, Resources.GROUP, "*", Permissions.READ);
    }
    for (String group : FOLLOWERS) {
      grant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ, Permissions.READ_INSTANCE,
          Permissions.READ_HISTORY, Permissions.READ_TASK);
      grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
      grant(group, Resources.TASK, "*", Permissions.READ);
    }
    for (String group : List.of(INCIDENT_COMMANDERS, LEADERSHIP)) {
      grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
      grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
    }
    // Incident commanders hand tasks to people.
    grant(INCIDENT_COMMANDERS, Resources.TASK, "*", Permissions.READ, Permissions.UPDATE);
  }

  /** Who may plan maintenance (CREATE_INSTANCE on {@code maintenance}), seeded once. */
  private void maintenanceGrants() {
    for (String group : MAINTAINERS) {
      grant(group, Resources.PROCESS_DEFINITION, MaintenanceProcess.KEY, Permissions.READ, Permissions.CREATE_INSTANCE);
    }
  }

  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(resource).resourceId(resourceId).singleResult();
    Authorization auth = existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    if (existing == null) {
      auth.setGroupId(group);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    }
    boolean missing = Arrays.stream(permissions).anyMatch(p -> !auth.isPermissionGranted(p));
    if (existing == null || missing) {
      for (Permission p : permissions) {
        auth.addPermission(p);
      }
      authorizations.saveAuthorization(auth);
    }
  }

  private void grantEveryone(Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GLOBAL)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization auth = existing != null ? existing : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    if (existing == null) {
      auth.setUserId(Authorization.ANY);
      auth.setResource(resource);
      auth.setResourceId(resourceId);
    }
    for (Permission p : permissions) {
      auth.addPermission(p);
    }
    authorizations.saveAuthorization(auth);
  }

  private static String generatePassword() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
