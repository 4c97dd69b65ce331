package io.firebreak.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user a request is authenticated as (Spring Security, against Camunda's users), with their Camunda groups. */
public record CurrentUser(String id, List<String> groups) {

  /** The authenticated user of this request; Spring Security guarantees one on every non-public path. */
  public static CurrentUser of(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser user)) {
      throw new IllegalStateException("request " + request.getRequestURI() + " was not authenticated");
    }
    return user;
  }

  public boolean memberOf(String group) {
    return groups.contains(group);
  }

  @Override
  public String toString() {
    // Spring Security and log lines show the principal: the id, nothing else.
    return id;
  }
}
