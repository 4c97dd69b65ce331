package io.firebreak.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.BootedFirebreak;
import io.firebreak.Http;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets come from the environment and never reach the log: Firebreak booted as an operator runs it
 * (its own JVM), with an admin password, intake token, Slack bot token and signing secret, with DEBUG
 * logging for Firebreak, Spring Security, Spring MVC and Spring's configuration and environment, is
 * used rightly and wrongly — good and failed logins (one trying the intake token as a password), intake
 * calls with wrong tokens and signatures, a real alert whose Slack steps use the bot token — and its
 * whole log holds none of the five values.
 */
class SecretsNeverLoggedTest {

  @TempDir Path dir;

  @Test
  void noSecretAppearsInTheLogOfARunThatUsesThemAll() throws Exception {
    String adminPassword = "adminpw-" + UUID.randomUUID();
    String intakeToken = "intake-" + UUID.randomUUID();
    String slackToken = "xoxb-" + UUID.randomUUID();
    String signingSecret = "signing-" + UUID.randomUUID();
    String unsubscribeSecret = "unsubscribe-" + UUID.randomUUID();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("FIREBREAK_ADMIN_PASSWORD", adminPassword);
    environment.put("FIREBREAK_INTAKE_TOKEN", intakeToken);
    environment.put("FIREBREAK_SLACK_TOKEN", slackToken);
    environment.put("FIREBREAK_SLACK_SIGNING_SECRET", signingSecret);
    environment.put("FIREBREAK_STATUS_PAGE_UNSUBSCRIBE_SECRET", unsubscribeSecret);
    // Nobody listens there: the Slack steps fail (and say so) without leaving this machine.
    environment.put("FIREBREAK_SLACK_API_URL", "http://127.0.0.1:9/api/");
    environment.put("LOGGING_LEVEL_IO_FIREBREAK", "DEBUG");
    environment.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_SECURITY", "DEBUG");
    environment.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB", "DEBUG");
    environment.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_BOOT_CONTEXT_CONFIG", "DEBUG");
    environment.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_CORE_ENV", "DEBUG");

    String log;
    try (BootedFirebreak app = BootedFirebreak.start(dir, environment)) {
      Http admin = app.as("admin", adminPassword);
      assertThat(admin.get("/api/incidents").status()).isEqualTo(200);
      assertThat(app.as("admin", "wrong-" + adminPassword.substring(8)).get("/api/incidents").status()).isEqualTo(401);
      assertThat(app.as("admin", intakeToken).get("/api/incidents").status()).isEqualTo(401);
      assertThat(app.as("admin", intakeToken).get("/engine-rest/user").status()).isEqualTo(401);
      assertThat(app.as(null, null).get("/api/incidents").status()).isEqualTo(401);

      Http anonymous = app.as(null, null);
      String alert = "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"SecretsProbe\\\"}\",\"status\":\"firing\","
          + "\"receiver\":\"firebreak\",\"groupLabels\":{\"alertname\":\"SecretsProbe\"},\"commonLabels\":"
          + "{\"alertname\":\"SecretsProbe\",\"severity\":\"critical\"},\"commonAnnotations\":{\"summary\":\"Probe\"},"
          + "\"externalURL\":\"http://alertmanager\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":"
          + "\"SecretsProbe\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"Probe\"},\"startsAt\":"
          + "\"2026-01-01T00:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"abc\"}]}";
      assertThat(anonymous.send(anonymous.request("/api/alerts/alertmanager").header("Content-Type", "application/json")
          .header("Authorization", "Bearer wrong-" + intakeToken.substring(7))
          .POST(HttpRequest.BodyPublishers.ofString(alert))).status()).isEqualTo(401);
      assertThat(anonymous.postJson("/api/alerts/pagerduty/v2/enqueue", Map.of("routing_key", "wrong",
          "event_action", "trigger", "payload", Map.of("summary", "x", "source", "y", "severity", "critical")))
          .status()).isEqualTo(401);
      assertThat(anonymous.send(anonymous.request("/api/slack/commands")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-Slack-Request-Timestamp", Long.toString(System.currentTimeMillis() / 1000))
          .header("X-Slack-Signature", "v0=" + "0".repeat(64))
          .POST(HttpRequest.BodyPublishers.ofString("command=%2Fincident&text=status"))).status()).isEqualTo(401);
      // A real alert: its incident's Slack steps call Slack with the bot token (and fail to connect).
      Http.Response accepted = anonymous.send(anonymous.request("/api/alerts/alertmanager")
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + intakeToken)
          .POST(HttpRequest.BodyPublishers.ofString(alert)));
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
      // The webapps' login form, wrongly and rightly.
      FromAddress browser = new FromAddress("127.0.0.1", app.port);
      assertThat(browser.webappLogin("admin", "wrong").status()).isEqualTo(401);
      assertThat(browser.webappLogin("admin", adminPassword).status()).isEqualTo(200);
      Thread.sleep(3000);
      app.stop();
      log = app.log();
    }
    assertThat(log).contains("Started FirebreakApplication");
    assertThat(log).as("DEBUG logging was on").contains(" DEBUG ");
    assertThat(log).as("Spring Boot's default user is never created").doesNotContain("generated security password");
    for (Map.Entry<String, String> secret : Map.of("admin password", adminPassword, "intake token", intakeToken,
        "Slack token", slackToken, "signing secret", signingSecret, "unsubscribe secret", unsubscribeSecret)
        .entrySet()) {
      assertThat(log).as("the log holds the %s", secret.getKey()).doesNotContain(secret.getValue());
    }
  }
}
