package io.firebreak.intake;

import io.firebreak.PostgresTestDatabase;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Alert deduplication over HTTP against PostgreSQL, in a database of its own. */
@ActiveProfiles({"test", "postgres"})
class PostgresAlertDeduplicationTest extends AlertDeduplicationScenario {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = PostgresTestDatabase.create();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> PostgresTestDatabase.USER);
  }
}
