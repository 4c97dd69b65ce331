package io.firebreak.intake;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells whoever declared an incident in Slack its channel once the process has opened it (a few
 * seconds after the command was answered), through the command's {@code response_url} as an
 * ephemeral message. A courtesy on top of the broadcast announcement, which the process makes
 * anyway, so it lives in memory: lost on a restart, never retried beyond its time limit.
 */
@Component
class SlackFollowUps {

  private static final Logger log = LoggerFactory.getLogger(SlackFollowUps.class);
  static final Duration POLL = Duration.ofMillis(500);
  static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

  private final IncidentRepository incidents;
  private final IntakeProperties limits;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "slack-follow-up");
    t.setDaemon(true);
    return t;
  });

  SlackFollowUps(IncidentRepository incidents, IntakeProperties limits) {
    this.incidents = incidents;
    this.limits = limits;
  }

  /** Posts the incident's channel to {@code responseUrl} once it is known; ignored for other URLs. */
  void channelWhenOpen(String incidentKey, String responseUrl) {
    if (responseUrl == null || !responseUrl.startsWith(limits.slackResponseUrlPrefix())) {
      return;
    }
    schedule(incidentKey, responseUrl, Instant.now().plus(GIVE_UP_AFTER));
  }

  private void schedule(String key, String responseUrl, Instant deadline) {
    scheduler.schedule(() -> check(key, responseUrl, deadline), POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void check(String key, String responseUrl, Instant deadline) {
    try {
      Optional<Incident> incident = incidents.find(key);
      if (incident.isPresent() && incident.get().channelName() != null) {
        post(responseUrl, Map.of("response_type", "ephemeral", "replace_original", false,
            "text", "*" + key + "* has its channel: "
                + SlackCommands.channelLink(incidents, key, incident.get().channelName())));
      } else if (Instant.now().isBefore(deadline)) {
        schedule(key, responseUrl, deadline);
      }
    } catch (RuntimeException e) {
      log.warn("Could not tell Slack the channel of {}", key, e);
    }
  }

  private void post(String url, Map<String, Object> message) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Json.write(message))).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        log.warn("Slack answered {} to a follow-up: {}", response.statusCode(), response.body());
      }
    } catch (java.io.IOException e) {
      log.warn("Slack follow-up to {} failed: {}", URI.create(url).getHost(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
