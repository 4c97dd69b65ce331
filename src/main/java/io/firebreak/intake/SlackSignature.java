package io.firebreak.intake;

import io.firebreak.platform.FirebreakProperties;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Slack's request signing (v0): {@code X-Slack-Signature = "v0=" + hex(HMAC-SHA256(signing secret,
 * "v0:" + X-Slack-Request-Timestamp + ":" + raw body))}, compared in constant time; requests older
 * (or newer) than {@code firebreak.intake.limits.slack-max-age} are refused, and so is a signature
 * seen before (table {@code fb_slack_request}, shared by all nodes).
 */
@Component
public class SlackSignature {

  /** Why a request was refused, as the 401 says it. */
  public enum Verdict {
    VALID("valid"),
    MISSING("X-Slack-Request-Timestamp and X-Slack-Signature are required"),
    BAD_SIGNATURE("the Slack signature does not match"),
    STALE("the Slack request timestamp is more than the allowed age away from now"),
    REPLAYED("this signed Slack request was already received");

    private final String detail;

    Verdict(String detail) {
      this.detail = detail;
    }

    public String detail() {
      return detail;
    }
  }

  private final String secret;
  private final IntakeProperties limits;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  @org.springframework.beans.factory.annotation.Autowired
  SlackSignature(FirebreakProperties properties, IntakeProperties limits, JdbcTemplate jdbc) {
    this(properties.slack().signingSecret(), limits, jdbc, Clock.systemUTC());
  }

  SlackSignature(String secret, IntakeProperties limits, JdbcTemplate jdbc, Clock clock) {
    this.secret = secret == null || secret.isBlank() ? null : secret;
    this.limits = limits;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public boolean configured() {
    return secret != null;
  }

  public Verdict verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}") || signature.length() > 100) {
      return Verdict.MISSING;
    }
    String expected = sign(secret, timestamp, body);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.UTF_8))) {
      return Verdict.BAD_SIGNATURE;
    }
    Instant now = clock.instant();
    long age = now.getEpochSecond() - Long.parseLong(timestamp);
    if (Math.abs(age) > limits.slackMaxAge().toSeconds()) {
      return Verdict.STALE;
    }
    Timestamp at = Timestamp.from(now);
    jdbc.update("DELETE FROM fb_slack_request WHERE received_at < ?",
        Timestamp.from(now.minus(limits.slackMaxAge().multipliedBy(2))));
    try {
      jdbc.update("INSERT INTO fb_slack_request (signature, received_at) VALUES (?, ?)", signature, at);
    } catch (DuplicateKeyException e) {
      return Verdict.REPLAYED;
    }
    return Verdict.VALID;
  }

  /** The {@code X-Slack-Signature} Slack would send (public for tests and benchmarks that play Slack). */
  public static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
