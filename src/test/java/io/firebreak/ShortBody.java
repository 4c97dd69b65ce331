package io.firebreak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A request whose body is shorter than its Content-Length, as a broken or hostile client sends it. */
public final class ShortBody {

  private ShortBody() {}

  /** Sends {@code body} announcing {@code announced} bytes, closes the sending side, returns the status line. */
  public static String post(int port, String path, String authorization, String body, int announced) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
          + "Content-Length: " + announced + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return response.isEmpty() ? "(no answer)" : response.lines().findFirst().orElse("") + "\n"
          + response.substring(Math.max(0, response.indexOf("\r\n\r\n")));
    }
  }
}
