package io.firebreak.security;

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
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

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
}
