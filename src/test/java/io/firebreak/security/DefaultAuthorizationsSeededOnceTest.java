package io.firebreak.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.FirebreakApplication;
import io.firebreak.Http;
import io.firebreak.platform.FirebreakGroups;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The default authorizations are seeded on the first start only: an administrator's revocation in
 * Camunda Admin survives a restart (two application contexts, one after the other, on the same
 * H2 file database), while groups and the admin user are still ensured on every start.
 */
class DefaultAuthorizationsSeededOnceTest {

  private static ConfigurableApplicationContext start(Path dir) {
    return new SpringApplicationBuilder(FirebreakApplication.class)
        .profiles("test")
        // Command-line arguments, so they win over the test profile's in-memory database.
        .run("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("firebreak").toAbsolutePath(), "--server.port=0");
  }

  private static Http as(ConfigurableApplicationContext app, String user) {
    return new Http(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")), user, "pw-" + user);
  }

  private static Map<String, Object> declaration() {
    return Map.of("title", "Login broken", "type", "outage", "proposedSeverity", "SEV3");
  }

  @Test
  void aGrantRevokedInCamundaAdminStaysRevokedAfterARestart(@TempDir Path dir) {
    long authorizationsBeforeRestart;
    try (ConfigurableApplicationContext first = start(dir)) {
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      IdentityService identity = engine.getIdentityService();
      for (String[] person : List.of(new String[] {"sam", "support"}, new String[] {"rob", "responders"})) {
        User user = identity.newUser(person[0]);
        user.setPassword("pw-" + person[0]);
        identity.saveUser(user);
        identity.createMembership(person[0], person[1]);
      }
      assertThat(engine.getManagementService().getProperties()).containsEntry(IdentitySetup.SEEDED_PROPERTY, "1");
      assertThat(as(first, "sam").postJson("/api/incidents", declaration()).status()).isEqualTo(201);

      // What Camunda Admin does when an administrator unticks CREATE_INSTANCE of support on "incident".
      AuthorizationService authorizations = engine.getAuthorizationService();
      Authorization supportMayStart = authorizations.createAuthorizationQuery().groupIdIn("support")
          .resourceType(Resources.PROCESS_DEFINITION).resourceId("incident").singleResult();
      supportMayStart.removePermission(Permissions.CREATE_INSTANCE);
      authorizations.saveAuthorization(supportMayStart);
      assertThat(as(first, "sam").postJson("/api/incidents", declaration()).status()).isEqualTo(403);
      // And deletes the Tasklist filters' READ grants of legal altogether.
      authorizations.createAuthorizationQuery().groupIdIn("legal").resourceType(Resources.FILTER).list()
          .forEach(a -> authorizations.deleteAuthorization(a.getId()));
      authorizationsBeforeRestart = authorizations.createAuthorizationQuery().count();
    }

    try (ConfigurableApplicationContext second = start(dir)) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      AuthorizationService authorizations = engine.getAuthorizationService();
      assertThat(authorizations.isUserAuthorized("sam", List.of("support"), Permissions.CREATE_INSTANCE,
          Resources.PROCESS_DEFINITION, "incident")).isFalse();
      assertThat(as(second, "sam").postJson("/api/incidents", declaration()).status()).isEqualTo(403);
      assertThat(authorizations.createAuthorizationQuery().groupIdIn("legal").resourceType(Resources.FILTER).count())
          .isZero();
      assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(authorizationsBeforeRestart);
      // What was not revoked still holds; groups and the admin user are ensured as on every start.
      assertThat(as(second, "rob").postJson("/api/incidents", declaration()).status()).isEqualTo(201);
      assertThat(engine.getIdentityService().createGroupQuery()
          .groupIdIn(FirebreakGroups.ALL.keySet().toArray(String[]::new)).count()).isEqualTo(FirebreakGroups.ALL.size());
      assertThat(engine.getIdentityService().checkPassword("admin", "test-admin")).isTrue();
    }
  }

  @Test
  void runningTheSetupAgainReGrantsNothing(@TempDir Path dir) {
    try (ConfigurableApplicationContext app = start(dir)) {
      AuthorizationService authorizations = app.getBean(ProcessEngine.class).getAuthorizationService();
      long seeded = authorizations.createAuthorizationQuery().count();
      authorizations.deleteAuthorization(authorizations.createAuthorizationQuery().groupIdIn("communications")
          .resourceType(Resources.PROCESS_DEFINITION).resourceId("incident").singleResult().getId());
      app.getBean(IdentitySetup.class).afterSingletonsInstantiated();
      assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(seeded - 1);
      assertThat(authorizations.isUserAuthorized("admin", List.of("communications", FirebreakGroups.ADMINS),
          Permissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, "incident")).isTrue(); // camunda-admin's grant
      assertThat(authorizations.isUserAuthorized("carl", List.of("communications"), Permissions.CREATE_INSTANCE,
          Resources.PROCESS_DEFINITION, "incident")).isFalse();
    }
  }
}
