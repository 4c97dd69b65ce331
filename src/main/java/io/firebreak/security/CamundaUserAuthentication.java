package io.firebreak.security;

import io.firebreak.platform.CurrentUser;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against Camunda's identity service, the same users and passwords as Tasklist: the
 * principal is a {@link CurrentUser}, the authorities are the user's Camunda group ids. Being a bean,
 * it also keeps Spring Boot from creating its default in-memory user (whose generated password it
 * would log).
 */
@Component
class CamundaUserAuthentication implements AuthenticationProvider {

  private final IdentityService identity;

  CamundaUserAuthentication(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || userId.isEmpty() || !(credentials instanceof String password)
        || !identity.checkPassword(userId, password)) {
      throw new BadCredentialsException("wrong user or password");
    }
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    return UsernamePasswordAuthenticationToken.authenticated(new CurrentUser(userId, groups), null,
        groups.stream().map(SimpleGrantedAuthority::new).toList());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
