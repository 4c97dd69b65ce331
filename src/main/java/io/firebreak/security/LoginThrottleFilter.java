package io.firebreak.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of every place a password is checked — HTTP Basic on {@code /api}, {@code /engine-rest},
 * the actuator and Firebreak's pages, and the webapps' login form — and before any of them: an
 * address that failed too often is answered 429 without its password being looked at, and a
 * refused login ({@code 401}) counts against the address it came from ({@link LoginThrottle}).
 * Requests without credentials are neither counted nor slowed.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  /** The Camunda webapps' login: {@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}. */
  private static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/";

  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!carriesCredentials(request)) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    Duration wait = throttle.retryAfter(address);
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(seconds));
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write("{\"error\":\"too_many_failed_logins\",\"detail\":\"Too many failed logins from "
          + "this address; try again in " + seconds + " s\"}");
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      throttle.failed(address);
    }
  }

  private static boolean carriesCredentials(HttpServletRequest request) {
    // The intake endpoints check a token or a signature, never a password (IntakeAuthenticationFilter).
    String servletPath = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (SecurityConfiguration.INTAKE_PREFIXES.stream().anyMatch(servletPath::startsWith)) {
      return false;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return true;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return "POST".equals(request.getMethod()) && path.startsWith(WEBAPP_LOGIN) && path.contains("/login/");
  }
}
