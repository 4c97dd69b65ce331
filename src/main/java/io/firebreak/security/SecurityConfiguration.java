package io.firebreak.security;

import io.firebreak.intake.IntakeAuthenticationFilter;
import io.firebreak.intake.IntakeProperties;
import io.firebreak.intake.SlackSignature;
import io.firebreak.platform.FirebreakProperties;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nothing but health is anonymous: the Camunda REST API (open by default) gets Camunda's own HTTP
 * Basic filter, so authorizations apply to it as in the webapps; Firebreak's API and the actuator
 * get {@link ApiAuthenticationFilter}, and so does the on-call page {@code /oncall}. The webapps have their own login.
 *
 * <p>The intake endpoints are the deliberate exception to HTTP Basic: machines call them, so
 * {@code /api/alerts/*} takes the intake token and {@code /api/slack/*} Slack's request signature
 * ({@link IntakeAuthenticationFilter}); {@link ApiAuthenticationFilter} leaves exactly these two
 * prefixes ({@link #INTAKE_PREFIXES}) to it. Nothing under them is anonymous.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** Paths authenticated by token or signature instead of a Camunda user. */
  static final java.util.List<String> INTAKE_PREFIXES = java.util.List.of("/api/alerts/", "/api/slack/");

  /** Before every password check: slows addresses that fail logins (429), never locks an account. */
  @Bean
  FilterRegistrationBean<LoginThrottleFilter> loginThrottling(LoginThrottle throttle) {
    FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(new LoginThrottleFilter(throttle));
    registration.setName("firebreak-login-throttle");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/actuator/*", "/oncall", "/oncall/*", "/camunda/api/*");
    registration.setOrder(5);
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

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identity) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity));
    registration.setName("firebreak-api-auth");
    // /oncall (the on-call page and the acknowledge links in pages) is for people: authenticated
    // like the API, so a browser gets the Basic-auth prompt.
    registration.addUrlPatterns("/api/*", "/actuator/*", "/oncall", "/oncall/*");
    registration.setOrder(10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<IntakeAuthenticationFilter> intakeAuthentication(FirebreakProperties properties,
      SlackSignature slack, IntakeProperties limits) {
    FilterRegistrationBean<IntakeAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new IntakeAuthenticationFilter(properties.intake().token(), slack, limits));
    registration.setName("firebreak-intake-auth");
    registration.addUrlPatterns(INTAKE_PREFIXES.stream().map(p -> p + "*").toArray(String[]::new));
    registration.setOrder(10);
    return registration;
  }
}
