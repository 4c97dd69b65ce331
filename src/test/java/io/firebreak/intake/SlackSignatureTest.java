package io.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Slack's v0 request signature, checked against the worked example in Slack's documentation. */
class SlackSignatureTest {

  // docs.slack.dev/authentication/verifying-requests-from-slack
  static final String DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String DOC_TIMESTAMP = "1531420618";
  static final String DOC_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
      + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
      + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
      + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  static final String DOC_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  @Test
  void signsLikeSlacksWorkedExample() {
    assertThat(SlackSignature.sign(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(DOC_SIGNATURE);
  }

  @Test
  void refusesWhatIsMissingMalformedWrongOrOld() {
    IntakeProperties limits = new IntakeProperties(1024, Duration.ofMinutes(5), Duration.ofSeconds(1), "https://hooks.slack.com/");
    // One minute after Slack's example was signed; no database needed until the signature and age pass.
    SlackSignature slack = new SlackSignature(DOC_SECRET, limits, null,
        Clock.fixed(Instant.ofEpochSecond(Long.parseLong(DOC_TIMESTAMP) + 400), ZoneOffset.UTC));
    byte[] body = DOC_BODY.getBytes(StandardCharsets.UTF_8);
    assertThat(slack.verify(null, DOC_SIGNATURE, body)).isEqualTo(SlackSignature.Verdict.MISSING);
    assertThat(slack.verify(DOC_TIMESTAMP, null, body)).isEqualTo(SlackSignature.Verdict.MISSING);
    assertThat(slack.verify("12e3", DOC_SIGNATURE, body)).isEqualTo(SlackSignature.Verdict.MISSING);
    assertThat(slack.verify(DOC_TIMESTAMP, DOC_SIGNATURE.replace('a', 'b'), body))
        .isEqualTo(SlackSignature.Verdict.BAD_SIGNATURE);
    assertThat(slack.verify(DOC_TIMESTAMP, DOC_SIGNATURE, (DOC_BODY + "&x=1").getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(SlackSignature.Verdict.BAD_SIGNATURE);
    // Right signature, but signed 400 s before "now": older than five minutes.
    assertThat(slack.verify(DOC_TIMESTAMP, DOC_SIGNATURE, body)).isEqualTo(SlackSignature.Verdict.STALE);
    assertThat(new SlackSignature("  ", limits, null, Clock.systemUTC()).configured()).isFalse();
  }
}
