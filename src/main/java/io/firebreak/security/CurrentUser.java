package io.firebreak.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** The user an API request is authenticated as, with their Camunda groups. */
public record CurrentUser(String id, List<String> groups) {

  static final String ATTRIBUTE = CurrentUser.class.getName();

  /** The authenticated user of this request; the API filter guarantees one under {@code /api}. */
  public static CurrentUser of(HttpServletRequest request) {
    Object user = request.getAttribute(ATTRIBUTE);
    if (user == null) {
      throw new IllegalStateException("request " + request.getRequestURI() + " was not authenticated");
    }
    return (CurrentUser) user;
  }

  public boolean memberOf(String group) {
    return groups.contains(group);
  }
}
