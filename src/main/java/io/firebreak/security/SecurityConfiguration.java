package io.firebreak.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import io.firebreak.intake.IntakeAuthenticationFilter;
import io.firebreak.intake.IntakeProperties;
import io.firebreak.intake.SlackSignature;
import io.firebreak.platform.FirebreakProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what, in Spring Security: nothing is anonymous but {@code /actuator/health}, the
 * public status page {@code /status/**} and {@code /} (a redirect to the webapps' login). Three chains:
 *
 * <ol>
 *   <li>{@code /camunda/**} and {@code /engine-rest/**} pass through untouched: the webapps keep
 *       their own login, session and CSRF protection, and {@code /engine-rest} has Camunda's HTTP
 *       Basic filter ({@link ProcessEngineAuthenticationFilter}), so authorizations apply there as
 *       in the webapps and Camunda Modeler deploys with Basic.
 *   <li>The intake endpoints ({@link #INTAKE_PREFIXES}) are called by machines: the intake token
 *       for {@code /api/alerts/**}, Slack's request signature for {@code /api/slack/**}
 *       ({@link IntakeAuthenticationFilter}); only a request it let through is authenticated.
 *   <li>Everything else — {@code /api}, Firebreak's pages, the actuator, unknown paths — needs HTTP
 *       Basic with a Camunda user ({@link CamundaUserAuthentication}), who is then Camunda's
 *       authenticated user for the request ({@link EngineAuthenticationFilter}). Stateless: no
 *       session. Security headers on every answer.
 * </ol>
 *
 * Failed logins are slowed per address before any of this ({@link LoginThrottleFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

  /** Paths authenticated by token or signature instead of a Camunda user. */
  static final List<String> INTAKE_PREFIXES = List.of("/api/alerts/", "/api/slack/");

  /**
   * Firebreak's pages are server-rendered HTML with one inline style block and no scripts: nothing
   * is loaded from anywhere else, nothing may frame them, forms post only to Firebreak.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; font-src 'self'; connect-src 'self'; script-src 'self'; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /**
   * A browser's state-changing request started by another site ({@code Sec-Fetch-Site}): the only way
   * a cached Basic login could be ridden. Scripts and Firebreak's own pages are never this; such a
   * request needs a CSRF token, which it cannot have, so it is refused (403).
   */
  static final RequestMatcher CROSS_SITE_CHANGE = request -> !SAFE_METHODS.contains(request.getMethod())
      && request.getHeader("Sec-Fetch-Site") != null
      && !Set.of("same-origin", "none").contains(request.getHeader("Sec-Fetch-Site"));

  /**
   * The status page's unsubscribe link: its signed token is the proof and no login rides on it, and
   * mail providers' one-click POST (RFC 8058) and webmail may come from another site.
   */
  static final RequestMatcher UNSUBSCRIBE = withDefaults().matcher(HttpMethod.POST, "/status/unsubscribe");

  @Bean
  @Order(1)
  SecurityFilterChain camundaOwnSecurity(HttpSecurity http) throws Exception {
    // Tasklist also probes /camunda-welcome (no such page: 404). Under the Basic chain its 401 challenge
    // made Chromium open a login dialog that swallowed every keystroke of Tasklist's own login form.
    http.securityMatcher(new OrRequestMatcher(withDefaults().matcher("/camunda/**"), withDefaults().matcher("/engine-rest/**"),
            withDefaults().matcher("/camunda-welcome")))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .headers(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(AbstractHttpConfigurer::disable)
        .securityContext(AbstractHttpConfigurer::disable)
        .servletApi(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain intakeSecurity(HttpSecurity http, FirebreakProperties properties, SlackSignature slack,
      IntakeProperties limits) throws Exception {
    IntakeAuthenticationFilter intake = new IntakeAuthenticationFilter(properties.intake().token(), slack, limits);
    http.securityMatcher(new OrRequestMatcher(INTAKE_PREFIXES.stream()
            .map(p -> (RequestMatcher) withDefaults().matcher(p + "**")).toList()))
        .authorizeHttpRequests(a -> a
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .anyRequest().hasAuthority(IntakeAuthenticated.AUTHORITY))
        .addFilterBefore(new IntakeAuthenticated(intake), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(new SecurityErrors()).accessDeniedHandler(new SecurityErrors()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        // Machines post here; they carry a token or a signature, never a browser's ambient login.
        .csrf(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
            .frameOptions(f -> f.deny())
            .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)));
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain firebreakSecurity(HttpSecurity http, CamundaUserAuthentication users, IdentityService identity)
      throws Exception {
    SecurityErrors errors = new SecurityErrors();
    http.authorizeHttpRequests(a -> a
            // The container's error dispatch renders a refusal or a 404 already decided.
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(withDefaults().matcher(HttpMethod.GET, "/actuator/health"),
                withDefaults().matcher(HttpMethod.GET, "/actuator/health/**")).permitAll()
            .requestMatchers(withDefaults().matcher("/status"), withDefaults().matcher("/status/**")).permitAll()
            // The welcome redirect to the webapps, which ask for their own login.
            .requestMatchers(withDefaults().matcher(HttpMethod.GET, "/")).permitAll()
            .anyRequest().authenticated())
        .authenticationProvider(users)
        .httpBasic(b -> b.realmName("Firebreak").authenticationEntryPoint(errors))
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .csrf(c -> c.requireCsrfProtectionMatcher(r -> CROSS_SITE_CHANGE.matches(r) && !UNSUBSCRIBE.matches(r)))
        .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
            .frameOptions(f -> f.deny())
            .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
        .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class)
        .addFilterAfter(new DirectErrorRequests(), EngineAuthenticationFilter.class);
    return http.build();
  }

  /** The firewall's refusals (a path with {@code ..}, {@code %2e}, {@code ;} …) in Firebreak's error format. */
  @Bean
  RequestRejectedHandler requestRejected() {
    return (request, response, e) -> SecurityErrors.rejected(response);
  }

  /** Before every password check, and before Spring Security: slows addresses that fail logins (429), never locks an account. */
  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottling(LoginThrottle throttle) {
    FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(new LoginThrottleFilter(throttle));
    registration.setName("firebreak-login-throttle");
    // Everywhere: a password may come with any request (the webapps' login form included).
    registration.addUrlPatterns("/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-auth");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(10);
    return registration;
  }

  /**
   * Reached only through {@link IntakeAuthenticationFilter}, which answers wrong or missing
   * credentials itself: what it lets through is authenticated as the intake.
   */
  static final class IntakeAuthenticated extends OncePerRequestFilter {
    static final String AUTHORITY = "firebreak-intake";
    private final IntakeAuthenticationFilter intake;

    IntakeAuthenticated(IntakeAuthenticationFilter intake) {
      this.intake = intake;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      intake.doFilter(request, response, (checked, res) -> {
        SecurityContextHolder.getContext().setAuthentication(
            new PreAuthenticatedAuthenticationToken("intake", null, AuthorityUtils.createAuthorityList(AUTHORITY)));
        chain.doFilter(checked, res);
      });
    }
  }
}
