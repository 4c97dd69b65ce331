package io.firebreak.metrics;

import io.firebreak.PostgresTestDatabase;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The learning loop over HTTP against PostgreSQL (profile {@code postgres}), in a database of its own. */
// Closed after the class: at JVM exit the embedded PostgreSQL stops, and a context still running
// its job executor against it would hold up the exit.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ActiveProfiles({"test", "postgres"})
class PostgresLearningLoopTest extends LearningLoopScenario {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = PostgresTestDatabase.create();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
  }
}
