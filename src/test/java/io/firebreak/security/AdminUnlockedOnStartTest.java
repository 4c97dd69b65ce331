package io.firebreak.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.BootedFirebreak;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator who starts Firebreak with {@code FIREBREAK_ADMIN_PASSWORD} gets in, even when the
 * admin account was locked for good (as Camunda's default lockout did after ten wrong passwords):
 * booted as shipped in its own JVM, on its default H2 file, restarted between the steps.
 */
class AdminUnlockedOnStartTest {

  @TempDir Path dir;

  @Test
  void aRestartWithTheAdminPasswordUnlocksALockedAdmin() throws Exception {
    Map<String, String> withPassword = Map.of("FIREBREAK_ADMIN_PASSWORD", "operator-chosen");
    try (BootedFirebreak app = BootedFirebreak.start(dir, withPassword)) {
      assertThat(app.as("admin", "operator-chosen").get("/api/incidents").status()).isEqualTo(200);
      app.stop();
    }
    lockAdminForGood();

    try (BootedFirebreak app = BootedFirebreak.start(dir, Map.of())) {
      assertThat(app.as("admin", "operator-chosen").get("/api/incidents").status())
          .as("locked: the right password is refused").isEqualTo(401);
      app.stop();
    }

    try (BootedFirebreak app = BootedFirebreak.start(dir, withPassword)) {
      assertThat(app.as("admin", "operator-chosen").get("/api/incidents").status())
          .as("the same password, set again at start, unlocks").isEqualTo(200);
      app.stop();
    }
  }

  /** What ENGINE-27002 leaves in the database: attempts at Camunda's maximum, a lock far ahead. */
  private void lockAdminForGood() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("data/firebreak").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        PreparedStatement lock = c.prepareStatement(
            "UPDATE ACT_ID_USER SET ATTEMPTS_ = ?, LOCK_EXP_TIME_ = ? WHERE ID_ = 'admin'")) {
      lock.setInt(1, Integer.MAX_VALUE);
      lock.setTimestamp(2, Timestamp.from(Instant.parse("2099-01-01T00:00:00Z")));
      assertThat(lock.executeUpdate()).isEqualTo(1);
    }
  }
}
