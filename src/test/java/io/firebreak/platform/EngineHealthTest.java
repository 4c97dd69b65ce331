package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.ProcessTest;
import java.sql.Connection;
import java.sql.DriverManager;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code engine} health component: UP while the engine reads its database and the job executor
 * runs (or was switched off on purpose), DOWN when the job executor should run and does not, or
 * the database is gone.
 */
class EngineHealthTest extends ProcessTest {

  @Test
  void downWhenTheJobExecutorShouldRunAndDoesNot() {
    // This test context runs no job executor.
    assertThat(new EngineHealth(engine, true).health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(new EngineHealth(engine, true).health().getDetails()).containsEntry("jobExecutor", "not active");
    assertThat(new EngineHealth(engine, false).health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void upWithARunningJobExecutorAndDownOnceTheDatabaseIsGone() throws Exception {
    String url = "jdbc:h2:mem:engine-health-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    ProcessEngine standalone = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl(url).setDatabaseSchemaUpdate("true").setProcessEngineName("engine-health-" + System.nanoTime())
        .setJobExecutorActivate(true).buildProcessEngine();
    try {
      assertThat(new EngineHealth(standalone, true).health().getStatus()).isEqualTo(Status.UP);
      try (Connection c = DriverManager.getConnection(url, "sa", "")) {
        c.createStatement().execute("SHUTDOWN");
      }
      assertThat(new EngineHealth(standalone, true).health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(new EngineHealth(standalone, true).health().getDetails()).containsEntry("database", "unreachable");
    } finally {
      standalone.close();
    }
  }
}
