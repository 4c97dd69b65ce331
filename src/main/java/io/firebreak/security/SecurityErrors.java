package io.firebreak.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What Spring Security answers, in Firebreak's error format: 401 with the Basic challenge (a browser
 * asks for the login), 403 for what the user may not do. Never why a login failed.
 */
final class SecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"Firebreak\", charset=\"UTF-8\"");
    write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized",
        "HTTP Basic authentication with a Firebreak (Camunda) user is required");
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "this request is not allowed");
  }

  /** Spring Security's firewall refused the path (a traversal, an encoded slash or dot, a ;parameter). */
  static void rejected(HttpServletResponse response) throws IOException {
    write(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request",
        "the request path is not allowed (not normalised, or with encoded or reserved characters)");
  }

  /** The body of a direct {@code GET /error}: there is no such page. */
  static void notFound(HttpServletResponse response) throws IOException {
    write(response, HttpServletResponse.SC_NOT_FOUND, "not_found", "no such endpoint");
  }

  private static void write(HttpServletResponse response, int status, String error, String detail) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    // Constant texts only: nothing from the request is echoed.
    response.getWriter().write("{\"error\":\"" + error + "\",\"detail\":\"" + detail + "\"}");
  }
}
