package io.firebreak.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 from a chosen loopback address (127.0.0.2, 127.0.0.3 …), so a test can be two different
 * clients on one machine; Java's HttpClient cannot choose its local address in Java 17.
 */
final class FromAddress {

  record Response(int status, Map<String, String> headers, String body) {}

  private final String localAddress;
  private final int port;

  FromAddress(String localAddress, int port) {
    this.localAddress = localAddress;
    this.port = port;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The Camunda webapps' login form as a browser sends it: first the page (session and CSRF cookies),
   * then the login with the CSRF token.
   */
  Response webappLogin(String user, String password) {
    Response page = get("/camunda/app/tasklist/default/", null);
    StringBuilder cookies = new StringBuilder();
    String csrf = null;
    for (String cookie : page.headers().getOrDefault("set-cookie", "").split("\n")) {
      String pair = cookie.split(";", 2)[0].trim();
      if (pair.isEmpty()) {
        continue;
      }
      cookies.append(cookies.isEmpty() ? "" : "; ").append(pair);
      if (pair.startsWith("XSRF-TOKEN=")) {
        csrf = pair.substring("XSRF-TOKEN=".length());
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("Cookie", cookies.toString());
    if (csrf != null) {
      headers.put("X-XSRF-TOKEN", csrf);
    }
    return send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", headers,
        "username=" + user + "&password=" + password);
  }

  Response get(String path, String authorization) {
    return send("GET", path, authorization == null ? Map.of() : Map.of("Authorization", authorization), null);
  }

  Response send(String method, String path, Map<String, String> headers, String body) {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(30000);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      OutputStream out = socket.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String raw = all.toString(StandardCharsets.UTF_8);
    int end = raw.indexOf("\r\n\r\n");
    String[] head = raw.substring(0, end < 0 ? raw.length() : end).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      if (colon > 0) {
        // Several Set-Cookie headers are kept, one per line.
        headers.merge(head[i].substring(0, colon).trim().toLowerCase(), head[i].substring(colon + 1).trim(),
            (a, b) -> a + "\n" + b);
      }
    }
    return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, end < 0 ? "" : raw.substring(end + 4));
  }
}
