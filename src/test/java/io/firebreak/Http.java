package io.firebreak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** A real HTTP client against the booted application, with HTTP Basic as a given user. */
public final class Http {

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final String authorization;

  public Http(int port, String user, String password) {
    this.base = "http://127.0.0.1:" + port;
    this.authorization = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public Http as(String user, String password) {
    return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), user, password);
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, String contentType, String body) {
    HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  public Response postJson(String path, Object body) {
    try {
      return post(path, "application/json", body instanceof String s ? s : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Deploys files in one deployment the way Camunda Modeler does: a multipart form to
   * {@code /engine-rest/deployment/create} (file name = resource name).
   */
  public Response deploy(String name, Map<String, String> files) {
    String boundary = "----firebreak" + System.nanoTime();
    StringBuilder body = new StringBuilder("--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name + "\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n");
    files.forEach((fileName, content) -> body.append("--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"" + fileName + "\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n"));
    body.append("--" + boundary + "--\r\n");
    return send(request("/engine-rest/deployment/create")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  /** Waits up to 30 s for the one open task of that definition in the incident; returns its id. */
  public String awaitTask(String key, String taskDefinitionKey) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      JsonNode tasks = get("/engine-rest/task?processInstanceBusinessKey=" + key
          + "&taskDefinitionKey=" + taskDefinitionKey).json();
      if (tasks.isArray() && tasks.size() == 1) {
        return tasks.get(0).get("id").asText();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + taskDefinitionKey + " task for " + key + " within 30 s; open: "
        + get("/api/incidents/" + key).json().get("openTasks") + "; task query: "
        + get("/engine-rest/task?processInstanceBusinessKey=" + key + "&taskDefinitionKey=" + taskDefinitionKey).body());
  }

  /**
   * Completes that task over {@code /engine-rest} as a person in Tasklist would. The job executor may
   * be running a step of the same incident (a channel post, a topic update) that completing the task
   * cancels; Camunda then refuses with an optimistic-locking conflict and, like a person, this tries again.
   */
  public void completeTask(String key, String taskDefinitionKey, Map<String, Object> variables) throws InterruptedException {
    String id = awaitTask(key, taskDefinitionKey);
    Map<String, Object> vars = new HashMap<>();
    variables.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    Response done = postJson("/engine-rest/task/" + id + "/complete", Map.of("variables", vars));
    for (int attempt = 1; attempt < 5 && done.status() == 500 && done.body().contains("concurrently"); attempt++) {
      Thread.sleep(200);
      done = postJson("/engine-rest/task/" + id + "/complete", Map.of("variables", vars));
    }
    if (done.status() != 204) {
      throw new AssertionError("completing " + taskDefinitionKey + ": " + done.status() + " " + done.body());
    }
  }

  /** Waits up to 30 s until {@code GET /api/incidents/{key}} meets the condition; returns that view. */
  public JsonNode awaitIncident(String key, Predicate<JsonNode> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonNode incident = null;
    while (Instant.now().isBefore(deadline)) {
      incident = get("/api/incidents/" + key).json();
      if (condition.test(incident)) {
        return incident;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("incident " + key + " did not reach the expected state: " + incident);
  }
}
