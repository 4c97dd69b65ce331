package io.firebreak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Firebreak as an operator runs it: a separate JVM ({@code FirebreakApplication} on this test run's
 * classpath) with its working directory in {@code dir}, so the default configuration applies as
 * shipped — above all the default H2 file database under {@code ./data}. Only the environment
 * variables given are added. {@link #kill()} is {@code kill -9}: no shutdown hook, no flush.
 * Several may run at once on one database (a datasource URL and profile in the environment, each
 * its own port and node name: {@link #start(Path, Map, int, List)}), as nodes of a cluster.
 */
public final class BootedFirebreak implements AutoCloseable {

  private final Process process;
  private final Path log;
  public final int port;

  private BootedFirebreak(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts Firebreak in {@code dir} with these environment variables and waits until it is healthy (60 s at most). */
  public static BootedFirebreak start(Path dir, Map<String, String> environment) throws IOException, InterruptedException {
    return start(dir, environment, freePort(), List.of());
  }

  /**
   * Starts Firebreak in {@code dir} on {@code port} with these environment variables (e.g.
   * {@code SPRING_PROFILES_ACTIVE=postgres}, {@code SPRING_DATASOURCE_URL}) and command-line
   * arguments ({@code --key=value}), and waits until it is healthy (90 s at most).
   */
  public static BootedFirebreak start(Path dir, Map<String, String> environment, int port, List<String> arguments)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "firebreak-", ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        FirebreakApplication.class.getName(),
        "--server.port=" + port));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("FIREBREAK_") || k.startsWith("SPRING_"));
    builder.environment().putAll(environment);
    BootedFirebreak app = new BootedFirebreak(builder.start(), log, port);
    app.awaitHealthy(Duration.ofSeconds(90));
    return app;
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Firebreak exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException("Firebreak was not healthy within " + timeout + ":\n" + logTail());
  }

  /** {@code kill -9}: the JVM gets no chance to flush or shut down. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Firebreak did not die");
    }
  }

  /** An orderly stop (SIGTERM), as {@code systemctl stop} would. */
  public void stop() throws InterruptedException {
    signalStop();
    awaitExit();
  }

  /** Sends SIGTERM and returns at once (the JVM shuts down gracefully meanwhile). */
  public void signalStop() {
    process.destroy();
  }

  /** Waits for the JVM to exit after {@link #signalStop()} (60 s, then {@code kill -9}). */
  public void awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Http as(String user, String password) {
    return new Http(port, user, password);
  }

  /** What Firebreak logged so far (for assertions and failure messages). */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String logTail() {
    String all = log();
    return all.substring(Math.max(0, all.length() - 6000));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
