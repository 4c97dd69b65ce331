package io.firebreak;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL database per test context on the local server (127.0.0.1:5432, trust auth;
 * override with FIREBREAK_TEST_POSTGRES_HOST / _PORT / _USER). {@code .ci/run} makes sure the
 * server runs.
 */
public final class PostgresTestDatabase {

  public static final String USER = env("FIREBREAK_TEST_POSTGRES_USER", "postgres");
  private static final String HOST = env("FIREBREAK_TEST_POSTGRES_HOST", "127.0.0.1");
  private static final String PORT = env("FIREBREAK_TEST_POSTGRES_PORT", "5432");

  private PostgresTestDatabase() {}

  /** Creates an empty database and returns its JDBC URL. */
  public static String create() {
    String name = "firebreak_test_" + Long.toHexString(System.nanoTime());
    String admin = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
    try (Connection c = DriverManager.getConnection(admin, USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL is needed for this test at " + admin + " as " + USER
          + " (trust auth); .ci/run starts it: " + e.getMessage(), e);
    }
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
