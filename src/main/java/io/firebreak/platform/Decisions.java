package io.firebreak.platform;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Evaluates a deployed decision table (latest version) on an execution's variables inside an
 * expression, for attributes that take an expression but no business rule task, e.g. a user
 * task's {@code camunda:priority="${decisions.output(execution, 'task-priority', 'priority')}"}.
 */
@Component("decisions")
public class Decisions {

  /**
   * The named output of the first matching rule; {@code null} when no rule matches or an input is
   * not known yet (the attribute then keeps its default, e.g. priority 50).
   */
  public Object output(DelegateExecution execution, String decisionKey, String output) {
    Map<String, Object> variables = execution.getVariables();
    try {
      return evaluate(execution, decisionKey, output, variables);
    } catch (RuntimeException unknown) {
      return null;
    }
  }

  private static Object evaluate(DelegateExecution execution, String decisionKey, String output, Map<String, Object> variables) {
    // The model asks, not the user whose action created the task: no decision authorization applies.
    DmnDecisionResultEntries first = Context.getCommandContext().runWithoutAuthorization(() ->
        execution.getProcessEngineServices().getDecisionService()
            .evaluateDecisionByKey(decisionKey).variables(variables).evaluate().getFirstResult());
    return first == null ? null : first.get(output);
  }
}
