package io.firebreak.platform;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Firebreak's configuration ({@code firebreak.*}); each key is also settable by the environment
 * variable named beside it in {@code application.yaml} (listed in docs/operators.md).
 */
@ConfigurationProperties("firebreak")
public record FirebreakProperties(
    @DefaultValue("http://localhost:8080") String baseUrl,
    @DefaultValue Admin admin,
    @DefaultValue Intake intake,
    @DefaultValue Slack slack,
    @DefaultValue Mail mail,
    @DefaultValue Templates templates,
    @DefaultValue Paging paging,
    @DefaultValue Postmortem postmortem) {

  /** The {@code admin} user; with no password configured one is generated and logged once. */
  public record Admin(String password) {}

  /** Bearer token that alert webhooks must send. */
  public record Intake(String token) {}

  /**
   * Slack: bot token (unset = Slack not configured), Web API base, slash-command signing secret,
   * and the broadcast channel. (Rate limits are not waited out: the step is retried after
   * {@code Retry-After}, see {@code RetryLater}.)
   */
  public record Slack(
      String token,
      @DefaultValue("https://slack.com/api/") String apiUrl,
      String signingSecret,
      @DefaultValue("incidents") String broadcastChannel) {

    public boolean configured() {
      return token != null && !token.isBlank();
    }
  }

  /** Sender and the incident distribution list (comma-separated addresses). */
  public record Mail(@DefaultValue("firebreak@localhost") String from, @DefaultValue List<String> to) {}

  /** Folder whose message templates override the shipped ones; unset means shipped only. */
  public record Templates(Path dir) {}

  /** Which Camunda group stands for "on-call" in escalation chains until schedules exist. */
  public record Paging(@DefaultValue("responders") String onCallGroup) {}

  /** Action items due within this many working days become tasks; later ones go to planning. */
  public record Postmortem(@DefaultValue("5") int actionItemHorizonWorkingDays) {}
}
