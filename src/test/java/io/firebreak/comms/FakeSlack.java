package io.firebreak.comms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local fake of the Slack Web API on a free loopback port, for the real Slack client to talk to.
 * It keeps channels, members, topics and messages, answers the methods Firebreak uses ({@code
 * auth.test}, {@code conversations.create/list/invite/setTopic/archive/open},
 * {@code chat.postMessage/update}, {@code users.lookupByEmail}), records every request, and can be
 * scripted to fail (any HTTP status, for a number of calls) or to rate-limit a method as Slack's
 * tiers do (at most n calls per window, then 429 with {@code Retry-After}).
 */
public final class FakeSlack implements AutoCloseable {

  /** One request as Slack received it: the method and its form parameters. */
  public record Request(String method, Map<String, String> params, int status) {
    public String param(String name) {
      return params.get(name);
    }
  }

  /** A message as posted. */
  public record Message(String channel, String ts, String text, String blocks) {}

  public record Channel(String id, String name, boolean isPrivate, List<String> members, String[] topic,
      boolean[] archived) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final Map<String, String> users = new ConcurrentHashMap<>();
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Integer>> failures = new ConcurrentHashMap<>();
  private final List<Failure> conditionalFailures = new CopyOnWriteArrayList<>();

  /** A failure for calls whose parameters match, {@code remaining} more times. */
  private record Failure(String method, java.util.function.Predicate<Map<String, String>> when, int status,
      AtomicInteger remaining) {}
  private final Map<String, RateLimit> limits = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(10_000_000);

  private static final class RateLimit {
    final int perWindow;
    final Duration window;
    final int retryAfterSeconds;
    final Deque<Long> calls = new ArrayDeque<>();
    int rejected;

    RateLimit(int perWindow, Duration window, int retryAfterSeconds) {
      this.perWindow = perWindow;
      this.window = window;
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  public FakeSlack() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  /** Base URL for {@code firebreak.slack.api-url}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  /** A workspace member Slack can find by email. */
  public String addUser(String email) {
    return users.computeIfAbsent(email.toLowerCase(), e -> "U" + ids.incrementAndGet());
  }

  /** A channel that exists already (made by hand, or by an attempt whose marker was lost). */
  public String addChannel(String name, boolean isPrivate) {
    String id = (isPrivate ? "G" : "C") + ids.incrementAndGet();
    channels.put(id, new Channel(id, name, isPrivate, new CopyOnWriteArrayList<>(), new String[1], new boolean[1]));
    return id;
  }

  /** The next {@code times} calls of {@code method} answer HTTP {@code status}. */
  public void fail(String method, int status, int times) {
    Deque<Integer> queue = failures.computeIfAbsent(method, m -> new ArrayDeque<>());
    synchronized (queue) {
      for (int i = 0; i < times; i++) {
        queue.add(status);
      }
    }
  }

  /** The next {@code times} calls of {@code method} whose parameters match answer HTTP {@code status}. */
  public void fail(String method, java.util.function.Predicate<Map<String, String>> when, int status, int times) {
    conditionalFailures.add(new Failure(method, when, status, new AtomicInteger(times)));
  }

  /** Slack works again: no more scripted failures. */
  public void clearFailures() {
    failures.clear();
    conditionalFailures.clear();
  }

  /** Rate-limits a method: at most {@code perWindow} calls per {@code window}, else 429. */
  public void rateLimit(String method, int perWindow, Duration window, int retryAfterSeconds) {
    limits.put(method, new RateLimit(perWindow, window, retryAfterSeconds));
  }

  public void removeRateLimit(String method) {
    limits.remove(method);
  }

  public int rejectedByRateLimit(String method) {
    RateLimit limit = limits.get(method);
    return limit == null ? 0 : limit.rejected;
  }

  /** Forgets everything: requests, channels, messages, users, failures and limits. */
  public void reset() {
    requests.clear();
    channels.clear();
    users.clear();
    messages.clear();
    failures.clear();
    conditionalFailures.clear();
    limits.clear();
  }

  /** Forgets the recorded requests only; the workspace stays. */
  public void clearRequests() {
    requests.clear();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests answered 200 (what Slack acted on), of the given methods, in order. */
  public List<Request> handled(String... methods) {
    List<String> wanted = List.of(methods);
    return requests.stream().filter(r -> r.status() == 200 && (wanted.isEmpty() || wanted.contains(r.method()))).toList();
  }

  public List<Message> messages() {
    return List.copyOf(messages);
  }

  public Channel channel(String name) {
    return channels.values().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  public List<Channel> channels() {
    return List.copyOf(channels.values());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    Map<String, String> params = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Integer failure = nextFailure(method, params);
    if (failure != null) {
      requests.add(new Request(method, params, failure));
      respond(exchange, failure, Map.of("ok", false, "error", "fatal_error"), null);
      return;
    }
    Integer retryAfter = rateLimited(method);
    if (retryAfter != null) {
      requests.add(new Request(method, params, 429));
      respond(exchange, 429, Map.of("ok", false, "error", "ratelimited"), retryAfter);
      return;
    }
    requests.add(new Request(method, params, 200));
    Map<String, Object> body = auth == null || !auth.startsWith("Bearer ")
        ? error("not_authed")
        : answer(method, params);
    respond(exchange, 200, body, null);
  }

  private Integer nextFailure(String method, Map<String, String> params) {
    for (Failure f : conditionalFailures) {
      if (f.method().equals(method) && f.when().test(params) && f.remaining().getAndDecrement() > 0) {
        return f.status();
      }
    }
    Deque<Integer> queue = failures.get(method);
    if (queue == null) {
      return null;
    }
    synchronized (queue) {
      return queue.poll();
    }
  }

  private Integer rateLimited(String method) {
    RateLimit limit = limits.get(method);
    if (limit == null) {
      return null;
    }
    synchronized (limit) {
      long now = System.nanoTime();
      while (!limit.calls.isEmpty() && now - limit.calls.peekFirst() > limit.window.toNanos()) {
        limit.calls.pollFirst();
      }
      if (limit.calls.size() >= limit.perWindow) {
        limit.rejected++;
        return limit.retryAfterSeconds;
      }
      limit.calls.addLast(now);
      return null;
    }
  }

  private Map<String, Object> answer(String method, Map<String, String> p) {
    switch (method) {
      case "auth.test":
        return ok(Map.of("url", "https://fake.slack.com/", "team", "Fake", "user", "firebreak", "team_id", "T1",
            "user_id", "UBOT", "bot_id", "B1"));
      case "conversations.create": {
        String name = p.get("name");
        if (channel(name) != null) {
          return error("name_taken");
        }
        String id = addChannel(name, "1".equals(p.get("is_private")) || "true".equals(p.get("is_private")));
        return ok(Map.of("channel", conversation(channels.get(id))));
      }
      case "conversations.list": {
        List<Object> list = new ArrayList<>();
        channels.values().stream().filter(c -> !c.archived()[0]).forEach(c -> list.add(conversation(c)));
        return ok(Map.of("channels", list, "response_metadata", Map.of("next_cursor", "")));
      }
      case "conversations.setTopic": {
        Channel c = channels.get(p.get("channel"));
        if (c == null) {
          return error("channel_not_found");
        }
        c.topic()[0] = p.get("topic");
        return ok(Map.of("channel", conversation(c)));
      }
      case "conversations.invite": {
        Channel c = channels.get(p.get("channel"));
        if (c == null) {
          return error("channel_not_found");
        }
        for (String user : p.getOrDefault("users", "").split(",")) {
          if (c.members().contains(user)) {
            return error("already_in_channel");
          }
          c.members().add(user);
        }
        return ok(Map.of("channel", conversation(c)));
      }
      case "conversations.archive": {
        Channel c = channels.get(p.get("channel"));
        if (c == null) {
          return error("channel_not_found");
        }
        if (c.archived()[0]) {
          return error("already_archived");
        }
        c.archived()[0] = true;
        return ok(Map.of());
      }
      case "conversations.open": {
        String id = "D" + p.get("users").replace(",", "");
        return ok(Map.of("channel", Map.of("id", id)));
      }
      case "users.lookupByEmail": {
        String id = users.get(p.getOrDefault("email", "").toLowerCase());
        return id == null ? error("users_not_found")
            : ok(Map.of("user", Map.of("id", id, "name", p.get("email"), "profile", Map.of("email", p.get("email")))));
      }
      case "chat.postMessage": {
        String target = p.get("channel");
        String id = resolve(target);
        if (id == null) {
          return error("channel_not_found");
        }
        String ts = (System.currentTimeMillis() / 1000) + "." + String.format("%06d", ids.incrementAndGet());
        messages.add(new Message(id, ts, p.get("text"), p.get("blocks")));
        return ok(Map.of("channel", id, "ts", ts, "message", Map.of("text", p.getOrDefault("text", ""), "ts", ts)));
      }
      case "chat.update": {
        return ok(Map.of("channel", p.get("channel"), "ts", p.get("ts"), "text", p.getOrDefault("text", "")));
      }
      default:
        return error("unknown_method");
    }
  }

  /** Channel ids, DM ids, and (as Slack allows for postMessage) channel names with or without '#'. */
  private String resolve(String target) {
    if (target == null) {
      return null;
    }
    if (channels.containsKey(target) || target.startsWith("D")) {
      return target;
    }
    Channel byName = channel(target.startsWith("#") ? target.substring(1) : target);
    return byName == null ? null : byName.id();
  }

  private static Map<String, Object> conversation(Channel c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("name", c.name());
    m.put("is_channel", !c.isPrivate());
    m.put("is_private", c.isPrivate());
    m.put("is_archived", c.archived()[0]);
    return m;
  }

  private static Map<String, Object> ok(Map<String, Object> fields) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", true);
    m.putAll(fields);
    return m;
  }

  private static Map<String, Object> error(String error) {
    return Map.of("ok", false, "error", error);
  }

  private static void respond(HttpExchange exchange, int status, Map<String, Object> body, Integer retryAfter)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    if (retryAfter != null) {
      exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfter));
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }
}
