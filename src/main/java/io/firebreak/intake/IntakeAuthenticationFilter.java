package io.firebreak.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.firebreak.platform.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the machine-to-machine intake endpoints, which carry no Camunda user:
 * {@code /api/alerts/**} by the intake token ({@code Authorization: Bearer <token>}, or for the
 * PagerDuty endpoint also {@code routing_key} = token), {@code /api/slack/**} by Slack's request
 * signature. Wrong or missing credentials are a 401 before anything is parsed or recorded; an
 * unset token or signing secret closes the endpoints (503 naming the setting) instead of opening them.
 *
 * <p>It also reads the body once, refusing more than {@code firebreak.intake.limits.max-body-bytes}
 * with 413, because the Slack signature covers the raw bytes; controllers take them from
 * {@link #body(HttpServletRequest)}. Registered in {@code security.SecurityConfiguration}.
 */
public class IntakeAuthenticationFilter extends OncePerRequestFilter {

  static final String BODY = IntakeAuthenticationFilter.class.getName() + ".body";
  static final String PAGERDUTY_PATH = "/api/alerts/pagerduty/v2/enqueue";

  private final String intakeToken;
  private final SlackSignature slack;
  private final IntakeProperties limits;
  /**
   * Only finds the routing key: deeper than the strict reader allows, so a too-deep body with the
   * right key is authenticated and gets its 400; bounded, since this runs before authentication.
   */
  private final JsonFactory json = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20_000).build()).build();

  public IntakeAuthenticationFilter(String intakeToken, SlackSignature slack, IntakeProperties limits) {
    this.intakeToken = intakeToken == null || intakeToken.isBlank() ? null : intakeToken;
    this.slack = slack;
    this.limits = limits;
  }

  /** The request body as the filter read it (never {@code null} behind this filter). */
  static byte[] body(HttpServletRequest request) {
    byte[] body = (byte[]) request.getAttribute(BODY);
    if (body == null) {
      throw new IllegalStateException(request.getRequestURI() + " did not pass the intake filter");
    }
    return body;
  }

  static String path(HttpServletRequest request) {
    // The servlet path is decoded and normalised (no ../, no ;params), unlike the request URI.
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.isEmpty() ? request.getRequestURI().substring(request.getContextPath().length()) : path;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = path(request);
    boolean isSlack = path.startsWith("/api/slack/");
    if (isSlack ? !slack.configured() : intakeToken == null) {
      write(response, 503, "not_configured", isSlack
          ? "Slack commands are off: set FIREBREAK_SLACK_SIGNING_SECRET (firebreak.slack.signing-secret)"
          : "alert intake is off: set FIREBREAK_INTAKE_TOKEN (firebreak.intake.token) and send it as a bearer token");
      return;
    }
    String authorization = request.getHeader("Authorization");
    boolean bearerOk = !isSlack && bearerMatches(authorization);
    if (!isSlack && !bearerOk && !(path.equals(PAGERDUTY_PATH) && authorization == null)) {
      unauthorized(response, "send Authorization: Bearer <intake token>");
      return;
    }
    if (request.getContentLengthLong() > limits.maxBodyBytes()) {
      tooLarge(response);
      return;
    }
    // A body that ends before its Content-Length: Tomcat fails the read and answers 400 itself.
    byte[] body = read(request.getInputStream(), limits.maxBodyBytes());
    if (body == null) {
      tooLarge(response);
      return;
    }
    if (request.getContentLengthLong() > body.length) {
      response.setHeader("Connection", "close");
      write(response, 400, "malformed_request", "the body is shorter than its Content-Length ("
          + request.getContentLengthLong() + " bytes announced)");
      return;
    }
    if (isSlack) {
      SlackSignature.Verdict verdict = slack.verify(request.getHeader("X-Slack-Request-Timestamp"),
          request.getHeader("X-Slack-Signature"), body);
      if (verdict != SlackSignature.Verdict.VALID) {
        unauthorized(response, verdict.detail());
        return;
      }
    } else if (!bearerOk && !routingKeyMatches(body)) {
      unauthorized(response, "send Authorization: Bearer <intake token> or routing_key = the intake token");
      return;
    }
    request.setAttribute(BODY, body);
    chain.doFilter(new CachedBody(request, body), response);
  }

  private boolean bearerMatches(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return constantTimeEquals(authorization.substring(7).strip(), intakeToken);
  }

  /**
   * Whether the top-level {@code routing_key} is the token. Read as a stream up to that field, so a
   * body that is invalid only further on (too deep, say) is still authenticated and then gets its 400.
   */
  private boolean routingKeyMatches(byte[] body) {
    try (JsonParser p = json.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        boolean routingKey = "routing_key".equals(p.currentName());
        JsonToken value = p.nextToken();
        if (routingKey) {
          return value == JsonToken.VALUE_STRING && constantTimeEquals(p.getText(), intakeToken);
        }
        p.skipChildren();
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false; // not JSON up to the routing key: not authenticated
    }
  }

  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The whole body, or {@code null} when it is longer than {@code max}. */
  private static byte[] read(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 16 * 1024));
    byte[] buffer = new byte[8192];
    int total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static void unauthorized(HttpServletResponse response, String detail) throws IOException {
    write(response, 401, "unauthorized", detail);
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    // Tomcat would otherwise keep reading (swallowing) the rest of a huge body; close instead.
    response.setHeader("Connection", "close");
    write(response, 413, "payload_too_large", "the body must be at most " + limits.maxBodyBytes() + " bytes");
  }

  static void write(HttpServletResponse response, int status, String error, String detail) throws IOException {
    ErrorBody.write(response, status, error, detail);
  }

  /** The request with its body readable again, from the bytes already read. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
