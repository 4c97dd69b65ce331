package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.FirebreakApplication;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentDeclaration;
import io.firebreak.incident.IncidentService;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One box, H2 file database: incidents survive a restart, and a restart deploys nothing new. */
class RestartTest {

  private static ConfigurableApplicationContext start(Path dir) {
    return new SpringApplicationBuilder(FirebreakApplication.class)
        .profiles("test")
        // Command-line arguments, so they win over the test profile's in-memory database.
        .run("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("firebreak").toAbsolutePath(), "--server.port=0");
  }

  @Test
  void incidentsAndTheirOpenWorkSurviveARestartWithoutNewProcessVersions(@TempDir Path dir) {
    String key;
    long deployments;
    long definitions;
    long openTasks;
    try (ConfigurableApplicationContext first = start(dir)) {
      Incident incident = first.getBean(IncidentService.class).declare(new IncidentDeclaration(
          "Checkout down", null, "checkout", "outage", "SEV1", true, "ops", "api", null));
      key = incident.key();
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      deployments = engine.getRepositoryService().createDeploymentQuery().count();
      definitions = engine.getRepositoryService().createProcessDefinitionQuery().count();
      openTasks = engine.getManagementService().createJobQuery().count();
    }

    try (ConfigurableApplicationContext second = start(dir)) {
      Incident again = second.getBean(IncidentService.class).get(key);
      assertThat(again.title()).isEqualTo("Checkout down");
      assertThat(again.severity()).isEqualTo("SEV1");
      assertThat(second.getBean(IncidentService.class).timeline(key)).isNotEmpty();
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).count())
          .isGreaterThanOrEqualTo(2);
      assertThat(engine.getManagementService().createJobQuery().count()).isEqualTo(openTasks);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
      assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isEqualTo(definitions);
      // Keys keep counting up after a restart.
      Incident next = second.getBean(IncidentService.class).declare(new IncidentDeclaration(
          "Login slow", null, null, "degradation", "SEV4", false, "ops", "api", null));
      assertThat(next.number()).isGreaterThan(again.number());
    }
  }
}
