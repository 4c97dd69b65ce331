package io.firebreak.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the container forwards failures; called directly it has no status to
 * render and Spring Boot's error controller would answer 500. A direct request is a 404 instead
 * (behind authentication, like every unknown path); error dispatches pass untouched.
 */
class DirectErrorRequests extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return request.getDispatcherType() != DispatcherType.REQUEST || !(path.equals("/error") || path.startsWith("/error/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    SecurityErrors.notFound(response);
  }
}
