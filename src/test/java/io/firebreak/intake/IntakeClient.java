package io.firebreak.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Plays Alertmanager, a PagerDuty client and Slack against the booted app over real HTTP. */
final class IntakeClient {

  static final String TOKEN = "test-intake-token";
  static final String SIGNING_SECRET = "test-signing-secret";

  final Http anonymous;
  final Http admin;

  IntakeClient(int port) {
    this.anonymous = new Http(port, null, null);
    this.admin = new Http(port, "admin", "test-admin");
  }

  static String fixture(String path) {
    try (InputStream in = IntakeClient.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Http.Response alertmanager(String body) {
    return post("/api/alerts/alertmanager", "application/json", "Bearer " + TOKEN, body);
  }

  Http.Response pagerduty(String body) {
    return post("/api/alerts/pagerduty/v2/enqueue", "application/json", null, body);
  }

  Http.Response post(String path, String contentType, String authorization, String body) {
    HttpRequest.Builder b = anonymous.request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return anonymous.send(b);
  }

  /** A slash command as Slack signs and sends it. */
  Http.Response slack(String text, String user, String channel) {
    return slackSigned(form(text, user, channel), Instant.now().getEpochSecond(), SIGNING_SECRET);
  }

  Http.Response slack(String text, String user, String channel, String responseUrl) {
    return slackSigned(form(text, user, channel, responseUrl), Instant.now().getEpochSecond(), SIGNING_SECRET);
  }

  static String form(String text, String user, String channel) {
    return form(text, user, channel, "https://hooks.slack.com/commands/T0001/1/abc");
  }

  static String form(String text, String user, String channel, String responseUrl) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("token", "deprecated-verification-token");
    f.put("team_id", "T0001");
    f.put("team_domain", "example");
    f.put("channel_id", "C" + Math.abs(channel.hashCode()));
    f.put("channel_name", channel);
    f.put("user_id", "U" + Math.abs(user.hashCode()));
    f.put("user_name", user);
    f.put("command", "/incident");
    f.put("text", text);
    f.put("api_app_id", "A0001");
    f.put("response_url", responseUrl);
    f.put("trigger_id", "1.2.3");
    return f.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  Http.Response slackSigned(String body, long timestamp, String secret) {
    String ts = Long.toString(timestamp);
    String signature = SlackSignature.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8));
    return anonymous.send(anonymous.request("/api/slack/commands")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", ts)
        .header("X-Slack-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  JsonNode incident(String key) {
    return admin.get("/api/incidents/" + key).json();
  }

  String awaitTask(String key, String taskDefinitionKey) throws InterruptedException {
    return admin.awaitTask(key, taskDefinitionKey);
  }

  void completeTask(String key, String taskDefinitionKey, Map<String, Object> variables) throws InterruptedException {
    admin.completeTask(key, taskDefinitionKey, variables);
  }

  JsonNode awaitIncident(String key, java.util.function.Predicate<JsonNode> condition) throws InterruptedException {
    return admin.awaitIncident(key, condition);
  }
}
