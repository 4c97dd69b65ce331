package io.firebreak;

import org.camunda.bpm.spring.boot.starter.webapp.filter.LazyInitRegistration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keeps each cached test context's Camunda webapp filters bound to that context.
 *
 * <p>The webapp starter initialises its Tasklist/Cockpit filters through a <em>static</em>
 * {@link LazyInitRegistration#APPLICATION_CONTEXT}: the context that last created its registration
 * bean. When a second test context starts while an earlier one is still cached, its embedded Tomcat
 * initialises the new filters with the earlier context's resource loader; once that earlier context
 * is closed (a {@code @DirtiesContext} PostgreSQL test), {@code /camunda/app/**} of the newer context
 * answers 500. Clearing the static reference when a context starts makes the filters wait for their
 * own context's registration bean, as they do in the single-context application. Registered for
 * every test in {@code META-INF/spring.factories}.
 */
public class WebappFilterIsolation extends LazyInitRegistration
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext applicationContext) {
    APPLICATION_CONTEXT = null;
  }
}
