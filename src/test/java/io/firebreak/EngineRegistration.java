package io.firebreak;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Makes the engine of the test's own Spring context the one {@code /engine-rest} and Camunda's
 * authentication filter use.
 *
 * <p>They find "the" engine through Camunda's static {@link ProcessEngines} registry, where every
 * engine is named {@code default}. With several cached test contexts in one JVM, the context started
 * last would otherwise answer REST calls made against an earlier context's port (an empty task list
 * from another database). Registered for every Spring test in {@code META-INF/spring.factories}.
 *
 * <p>The webapps' runtime delegates ({@code Cockpit}, {@code Tasklist}, {@code Admin},
 * {@code Welcome}) are static too: each app's container bootstrap sets its delegate when a servlet
 * context starts and sets it to {@code null} when one stops. When a {@code @DirtiesContext} test
 * closes its context, every other cached context's {@code /camunda/app/**} and
 * {@code /camunda/api/**} would answer 500 (a NullPointerException in {@code ProcessEnginesFilter});
 * the delegates are put back as the bootstrap sets them.
 */
public class EngineRegistration implements TestExecutionListener {

  @Override
  public void beforeTestClass(TestContext testContext) {
    register(testContext);
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    register(testContext);
  }

  private static void register(TestContext testContext) {
    if (!testContext.hasApplicationContext()) {
      // beforeTestClass runs before the context is loaded for the first time; beforeTestMethod will.
      return;
    }
    testContext.getApplicationContext().getBeanProvider(ProcessEngine.class)
        .ifAvailable(ProcessEngines::registerProcessEngine);
    restoreWebappDelegates();
  }

  private static void restoreWebappDelegates() {
    if (Cockpit.getRuntimeDelegate() == null) {
      Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
    }
    if (Tasklist.getRuntimeDelegate() == null) {
      Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
    }
    if (Admin.getRuntimeDelegate() == null) {
      Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
    }
    if (Welcome.getRuntimeDelegate() == null) {
      Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
    }
  }
}
