package io.firebreak.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the intake endpoints ({@code firebreak.intake.limits.*}); the intake token itself is
 * {@code firebreak.intake.token} in {@code FirebreakProperties}.
 *
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param slackMaxAge signed Slack requests older than this are refused (Slack recommends 5 minutes)
 * @param retryFor how long a delivery is retried internally on a transient database failure
 *     (lock timeout, serialization failure, a concurrent claim of the same alert group) before 503
 * @param slackResponseUrlPrefix follow-ups go only to a Slack {@code response_url} starting with
 *     this (Slack's own hooks host), so a request cannot make Firebreak call elsewhere
 */
@ConfigurationProperties("firebreak.intake.limits")
public record IntakeProperties(
    @DefaultValue("1048576") int maxBodyBytes,
    @DefaultValue("5m") Duration slackMaxAge,
    @DefaultValue("20s") Duration retryFor,
    @DefaultValue("https://hooks.slack.com/") String slackResponseUrlPrefix) {}
