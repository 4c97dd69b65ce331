package io.firebreak.integrations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound integrations ({@code firebreak.integrations.*}): the named secrets that HTTP steps in the
 * models refer to ({@code secret: jira}), the webhook subscribers an operator registers, and the
 * timeouts of one call. Secrets come from configuration or the environment
 * ({@code FIREBREAK_INTEGRATIONS_SECRETS_JIRA_TOKEN}), never from a model, and are never logged.
 */
@ConfigurationProperties("firebreak.integrations")
public record IntegrationsProperties(
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("PT5S") Duration connectTimeout,
    Map<String, Secret> secrets,
    List<Subscriber> subscribers,
    @DefaultValue("P90D") Duration deliveryLogRetention) {

  public IntegrationsProperties {
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    subscribers = subscribers == null ? List.of() : List.copyOf(subscribers);
  }

  /**
   * One outside system: where it is ({@code base-url}, against which a step's relative URL is
   * resolved) and how Firebreak authenticates: {@code token} (sent as {@code Authorization: Bearer})
   * or {@code username} + {@code password} (HTTP Basic, e.g. Jira Cloud's email + API token), or an
   * OAuth client-credentials grant: {@code token-url} (e.g. Zoom's
   * {@code https://zoom.us/oauth/token?grant_type=account_credentials&account_id=<id>}),
   * {@code client-id}, {@code client-secret}, whose access token is fetched and renewed as it expires;
   * {@code signing-key}, when set, signs every body (HMAC-SHA256, headers
   * {@code X-Firebreak-Timestamp} and {@code X-Firebreak-Signature}).
   */
  public record Secret(String baseUrl, String username, String password, String token, String signingKey,
      String tokenUrl, String clientId, String clientSecret) {

    boolean configured() {
      return baseUrl != null && !baseUrl.isBlank();
    }

    @Override
    public String toString() {
      // Never the credentials: a record's toString would print them into any log line.
      return "Secret[baseUrl=" + baseUrl + ", credentials=" + (token != null || password != null || clientSecret != null ? "set" : "none")
          + ", signed=" + (signingKey != null && !signingKey.isBlank()) + "]";
    }
  }

  /**
   * A webhook subscriber: its name (in the delivery log), the URL that receives the events, which
   * events (declared, severity-changed, resolved, closed; empty = all) and the key that signs them.
   */
  public record Subscriber(String name, String url, List<String> events, String signingKey) {

    public Subscriber {
      events = events == null ? List.of() : List.copyOf(events);
    }

    boolean wants(String event) {
      return events.isEmpty() || events.contains(event);
    }

    @Override
    public String toString() {
      return "Subscriber[name=" + name + ", url=" + url + ", events=" + events + "]";
    }
  }
}
