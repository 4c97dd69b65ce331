package io.firebreak.intake;

import io.firebreak.comms.ChannelOpened;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells whoever declared an incident in Slack its channel once the process has opened it (a few
 * seconds after the command was answered), through the command's {@code response_url} (a Slack
 * webhook, not a Web API method, so not {@code ChatPort}) as an ephemeral message. Driven by {@link ChannelOpened}
 * after its commit. A courtesy on top of the broadcast announcement, which the process makes anyway,
 * so it lives in memory: lost on a restart, dropped after {@link #GIVE_UP_AFTER}, never retried.
 */
@Component
class SlackFollowUps {

  private static final Logger log = LoggerFactory.getLogger(SlackFollowUps.class);
  static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

  private record Waiting(String responseUrl, Instant until) {}

  private final IncidentRepository incidents;
  private final IntakeProperties limits;
  private final RestClient http = RestClient.builder().requestFactory(jdkClient()).build();
  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
  /** Posts leave the job thread that opened the channel, so a slow Slack never holds a job. */
  private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "slack-follow-up");
    t.setDaemon(true);
    return t;
  });

  SlackFollowUps(IncidentRepository incidents, IntakeProperties limits) {
    this.incidents = incidents;
    this.limits = limits;
  }

  /** Posts the incident's channel to {@code responseUrl} once it is opened; ignored for other URLs. */
  void channelWhenOpen(String incidentKey, String responseUrl) {
    if (responseUrl == null || !responseUrl.startsWith(limits.slackResponseUrlPrefix())) {
      return;
    }
    Instant now = Instant.now();
    waiting.values().removeIf(w -> w.until().isBefore(now));
    waiting.put(incidentKey, new Waiting(responseUrl, now.plus(GIVE_UP_AFTER)));
    // The channel may have been opened between the declaration's commit and now.
    incidents.find(incidentKey).map(Incident::channelName).ifPresent(name -> send(incidentKey));
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(ChannelOpened opened) {
    if (waiting.containsKey(opened.incidentKey())) {
      send(opened.incidentKey());
    }
  }

  private void send(String key) {
    Waiting w = waiting.remove(key); // whoever removes it posts: once
    if (w == null || w.until().isBefore(Instant.now())) {
      return;
    }
    sender.execute(() -> {
      try {
        Optional<Incident> incident = incidents.find(key);
        if (incident.isEmpty() || incident.get().channelName() == null) {
          return;
        }
        String text = "*" + key + "* has its channel: "
            + SlackCommands.channelLink(incidents, key, incident.get().channelName());
        http.post().uri(w.responseUrl()).contentType(MediaType.APPLICATION_JSON)
            .body(Json.write(Map.of("response_type", "ephemeral", "replace_original", false, "text", text)))
            .retrieve().toBodilessEntity(); // a 4xx/5xx throws, and is logged below
      } catch (RuntimeException e) {
        log.warn("Could not tell Slack the channel of {}: {}", key, e.toString());
      }
    });
  }

  private static JdkClientHttpRequestFactory jdkClient() {
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    factory.setReadTimeout(Duration.ofSeconds(10));
    return factory;
  }

  @PreDestroy
  void stop() {
    sender.shutdownNow();
  }
}
