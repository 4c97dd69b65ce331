package io.firebreak.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The {@code Authorization} header a named secret calls for: a static bearer token, HTTP Basic, or an
 * OAuth client-credentials access token (Zoom Server-to-Server OAuth and the like), fetched from the
 * secret's {@code token-url} and kept until a minute before it expires. Nothing here is logged.
 */
@Component
class Credentials {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MARGIN = Duration.ofMinutes(1);

  private record Token(String value, Instant expires) {}

  private final OutboundHttp http;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  Credentials(OutboundHttp http) {
    this.http = http;
  }

  String authorization(String name, IntegrationsProperties.Secret secret) {
    if (secret == null) {
      return null;
    }
    if (present(secret.token())) {
      return "Bearer " + secret.token();
    }
    if (present(secret.tokenUrl())) {
      Token token = tokens.get(name);
      if (token == null || Instant.now().isAfter(token.expires())) {
        token = fetch(name, secret);
        tokens.put(name, token);
      }
      return "Bearer " + token.value();
    }
    if (present(secret.username())) {
      return "Basic " + basic(secret.username(), secret.password());
    }
    return null;
  }

  /** Forgets fetched tokens (tests; a changed client secret takes effect at the next call anyway on expiry). */
  void forget() {
    tokens.clear();
  }

  private Token fetch(String name, IntegrationsProperties.Secret secret) {
    URI uri = URI.create(secret.tokenUrl());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Basic " + basic(secret.clientId(), secret.clientSecret()));
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("Accept", "application/json");
    // A token URL that names its grant (Zoom's does, in the query) needs no body.
    byte[] body = uri.getQuery() != null && uri.getQuery().contains("grant_type=") ? new byte[0]
        : "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8);
    OutboundHttp.Response response = http.send("POST", uri, headers, body);
    if (response.status() / 100 != 2) {
      throw new IllegalStateException("the token URL of secret '" + name + "' answered " + response.status());
    }
    try {
      JsonNode json = JSON.readTree(response.body());
      String value = json.path("access_token").asText(null);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException("the token URL of secret '" + name + "' sent no access_token");
      }
      long seconds = json.path("expires_in").asLong(3600);
      return new Token(value, Instant.now().plusSeconds(seconds).minus(MARGIN));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the token URL of secret '" + name + "' did not answer JSON");
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private static String basic(String user, String password) {
    String pair = user + ":" + (password == null ? "" : password);
    return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
