package io.firebreak.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication against Camunda's users for Firebreak's API and the actuator
 * (health excepted, and the intake endpoints, which {@code IntakeAuthenticationFilter} authenticates). The authenticated user is available to controllers as {@link CurrentUser}.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identity;

  ApiAuthenticationFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
      return true;
    }
    // Token- or signature-authenticated instead (IntakeAuthenticationFilter). Decided on the
    // normalised servlet path, so /api/alerts/../incidents is not mistaken for an intake path.
    String normalised = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return SecurityConfiguration.INTAKE_PREFIXES.stream().anyMatch(normalised::startsWith);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    CurrentUser user = authenticate(request.getHeader("Authorization"));
    if (user == null) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Basic realm=\"Firebreak\", charset=\"UTF-8\"");
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write("{\"error\":\"unauthorized\",\"detail\":\"HTTP Basic authentication with a Firebreak (Camunda) user is required\"}");
      return;
    }
    request.setAttribute(CurrentUser.ATTRIBUTE, user);
    chain.doFilter(request, response);
  }

  private CurrentUser authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String userId = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    if (!identity.checkPassword(userId, password)) {
      return null;
    }
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    return new CurrentUser(userId, groups);
  }
}
