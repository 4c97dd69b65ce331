package io.firebreak;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
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
  }
}
