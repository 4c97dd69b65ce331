package io.firebreak.oncall;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.springframework.stereotype.Component;

/**
 * Walks the deployed BPMN models in flow order for a dry run, without starting anything: from the
 * start event of a process, through its steps, into embedded subprocesses and the processes its
 * call activities call (resolved by their binding, as the engine would), evaluating business rule
 * tasks with the deployed decisions and gateway conditions, inputs and timer durations with the
 * engine's expression language over the facts known so far. Where a condition depends on something
 * not known before the incident (a triage answer), every branch is followed and its steps say so
 * ({@link Step#when()}); after a user task, steps say whom they wait for ({@link Step#after()}).
 *
 * <p>Only conditions, inputs, call mappings and timer durations are evaluated; delegates,
 * expressions of expression tasks and listeners never run. Event subprocesses and boundary events
 * (what happens when something else happens) are not walked.
 */
@Component
class ModelWalk {

  /** Bounds, so a model with a loop or a deep call chain still answers. */
  private static final int MAX_STEPS = 400;
  private static final int MAX_CALL_DEPTH = 6;

  private final RepositoryService repository;
  private final DecisionService decisions;
  private final ProcessEngineConfigurationImpl configuration;

  ModelWalk(ProcessEngine engine) {
    this.repository = engine.getRepositoryService();
    this.decisions = engine.getDecisionService();
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  /**
   * One step of the walk, as the model has it.
   *
   * @param process key of the process the step belongs to
   * @param version version of that process definition
   * @param element element id
   * @param kind service, send, script, user, decision, call, wait
   * @param name the element's name
   * @param implementation delegate expression, expression or class of a service task
   * @param inputs the step's input parameters, evaluated where the facts allow (else as written)
   * @param atMinute minutes after declaration at the earliest: when every task and event in
   *     {@code after} happens at once; null once a wait of unknown length came first
   * @param after the user tasks (and awaited events) on its path before it, in order
   * @param when the gateway answers its path depends on that the dry run cannot know
   */
  record Step(String process, int version, String element, String kind, String name, String implementation,
      Map<String, Object> inputs, String decision, Object result, String assignee, String candidateGroups,
      String calledElement, Integer waitMinutes, Integer atMinute, List<String> after, List<String> when) {}

  /** What a walk found: its steps in flow order and the facts as they stand at its end. */
  record Walk(List<Step> steps, Map<String, Object> facts, Map<String, Integer> versions) {}

  /** Walks the latest deployed version of {@code processKey}; {@code fixed} facts are never re-decided. */
  Walk walk(String processKey, Map<String, Object> facts, Set<String> fixed) {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult();
    if (definition == null) {
      throw new IllegalStateException("process " + processKey + " is not deployed");
    }
    Walker walker = new Walker(new HashMap<>(facts), fixed);
    // One command around the walk: the expressions need the engine's context; reads only.
    configuration.getCommandExecutorTxRequired().execute(
        context -> walker.process(definition, new Path(0, List.of(), List.of(), List.of()), 0));
    return new Walk(List.copyOf(walker.steps), walker.facts, walker.versions);
  }

  /** The latest deployed definition's model, for reading one element (e.g. a timer) directly. */
  BpmnModelInstance latestModel(String processKey) {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult();
    return definition == null ? null : repository.getBpmnModelInstance(definition.getId());
  }

  /**
   * Where a path stands: minutes since declaration at the earliest, what it waited for, what it
   * depends on, and the gateways it branched at that have not met again ({@link Split}).
   */
  private record Path(Integer minute, List<String> after, List<String> when, List<Split> splits) {
    Path waited(String what) {
      List<String> a = new ArrayList<>(after);
      a.add(what);
      return new Path(minute, List.copyOf(a), when, splits);
    }

    Path plus(int minutes) {
      return new Path(minute == null ? null : minute + minutes, after, when, splits);
    }

    /** A branch taken at a gateway of {@code scope}; {@code answer} when the dry run cannot know it is taken. */
    Path branched(String scope, String answer) {
      String added = answer == null || when.contains(answer) ? null : answer;
      List<Split> s = new ArrayList<>(splits);
      s.add(new Split(scope, added, after.size()));
      List<String> w = new ArrayList<>(when);
      if (added != null) {
        w.add(added);
      }
      return new Path(minute, after, List.copyOf(w), List.copyOf(s));
    }

    /**
     * Past a gateway of {@code scope} where branches meet again (structured models): the latest
     * branch of that scope ends; if it was a guess, its condition and the tasks on it no longer
     * hold for what follows.
     */
    Path merged(String scope) {
      if (splits.isEmpty() || !splits.get(splits.size() - 1).scope().equals(scope)) {
        return this;
      }
      Split split = splits.get(splits.size() - 1);
      List<Split> s = List.copyOf(splits.subList(0, splits.size() - 1));
      if (split.answer() == null) {
        return new Path(minute, after, when, s);
      }
      List<String> w = new ArrayList<>(when);
      w.remove(w.lastIndexOf(split.answer()));
      return new Path(minute, List.copyOf(after.subList(0, split.afterSize())), List.copyOf(w), s);
    }

    /** Back from a scope (subprocess, called process) that ends as a whole: its branches' conditions end with it. */
    Path returnedTo(Path entry) {
      return new Path(minute, after, entry.when(), entry.splits());
    }
  }

  private record Split(String scope, String answer, int afterSize) {}

  /** Thrown by {@link Walker#evaluate} when an expression needs a fact the dry run does not have. */
  private static final class Unknown extends Exception {
    Unknown(Throwable cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  private final class Walker {
    final Map<String, Object> facts;
    final Set<String> fixed;
    final List<Step> steps = new ArrayList<>();
    final Map<String, Integer> versions = new LinkedHashMap<>();
    /** Flows by source and by target node, from sourceRef/targetRef as the engine reads them. */
    final Map<String, List<SequenceFlow>> leaving = new HashMap<>();
    final Map<String, List<SequenceFlow>> arriving = new HashMap<>();
    final Set<String> indexed = new HashSet<>();

    Walker(Map<String, Object> facts, Set<String> fixed) {
      this.facts = facts;
      this.fixed = fixed;
    }

    /** Walks one process definition from its none start event; returns the path state at its end. */
    Path process(ProcessDefinition definition, Path path, int depth) {
      versions.putIfAbsent(definition.getKey(), definition.getVersion());
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      // A process called more than once (incident-communication) is indexed once.
      for (SequenceFlow flow : indexed.add(definition.getId()) ? model.getModelElementsByType(SequenceFlow.class)
          : List.<SequenceFlow>of()) {
        leaving.computeIfAbsent(definition.getId() + "#" + flow.getSource().getId(), n -> new ArrayList<>()).add(flow);
        arriving.computeIfAbsent(definition.getId() + "#" + flow.getTarget().getId(), n -> new ArrayList<>()).add(flow);
      }
      Process process = model.getModelElementById(definition.getKey());
      return scope(definition, process.getFlowElements(), path, depth);
    }

    /** Walks a scope (process or embedded subprocess) from its plain start events. */
    Path scope(ProcessDefinition definition, Collection<FlowElement> elements, Path path, int depth) {
      List<Path> ends = new ArrayList<>();
      Path terminated = null;
      Set<String> visited = new HashSet<>();
      for (FlowElement element : elements) {
        if (element instanceof StartEvent start && start.getEventDefinitions().isEmpty()) {
          terminated = first(terminated, node(definition, start, path, depth, visited, ends));
        }
      }
      if (terminated != null) {
        return terminated;
      }
      return ends.isEmpty() ? path : ends.get(ends.size() - 1);
    }

    private Path first(Path a, Path b) {
      return a != null ? a : b;
    }

    /** Walks from {@code node}; returns the path of a terminate end event reached, if any. */
    Path node(ProcessDefinition definition, FlowNode node, Path path, int depth, Set<String> visited, List<Path> ends) {
      if (!visited.add(node.getId()) || steps.size() >= MAX_STEPS) {
        return null;
      }
      String scope = definition.getId() + "#" + depth + "#" + node.getParentElement().getAttributeValue("id");
      if (node instanceof Gateway && arriving.getOrDefault(definition.getId() + "#" + node.getId(), List.of()).size() > 1) {
        path = path.merged(scope);
      }
      Path next = path;
      if (node instanceof EndEvent end) {
        ends.add(path);
        return end.getEventDefinitions().stream().anyMatch(d -> d instanceof TerminateEventDefinition) ? path : null;
      }
      if (node instanceof SubProcess sub) {
        if (sub.triggeredByEvent()) {
          return null;
        }
        next = scope(definition, sub.getFlowElements(), path, depth).returnedTo(path);
      } else if (node instanceof Activity activity) {
        next = activity(definition, activity, path, depth);
      } else if (node instanceof IntermediateCatchEvent event) {
        next = catchEvent(definition, event, path);
      } else if (node instanceof ReceiveTask) {
        next = path.waited(label(node));
      }
      Path terminated = null;
      List<SequenceFlow> flows = leaving.getOrDefault(definition.getId() + "#" + node.getId(), List.of());
      for (Map.Entry<SequenceFlow, Path> flow : outgoing(node, flows, next, scope).entrySet()) {
        terminated = first(terminated, node(definition, flow.getKey().getTarget(), flow.getValue(), depth, visited, ends));
      }
      return terminated;
    }

    /** The flows a token takes from {@code node}: all of them, or those an exclusive gateway's conditions allow. */
    Map<SequenceFlow, Path> outgoing(FlowNode node, List<SequenceFlow> flows, Path path, String scope) {
      Map<SequenceFlow, Path> taken = new LinkedHashMap<>();
      boolean split = node instanceof Gateway && flows.size() > 1;
      boolean exclusive = node instanceof ExclusiveGateway;
      SequenceFlow declaredDefault = node instanceof ExclusiveGateway g ? g.getDefault()
          : node instanceof InclusiveGateway g ? g.getDefault() : null;
      SequenceFlow defaultFlow = declaredDefault == null ? null
          : flows.stream().filter(f -> f.getId().equals(declaredDefault.getId())).findFirst().orElse(null);
      Map<SequenceFlow, String> guessed = new LinkedHashMap<>();
      for (SequenceFlow flow : flows) {
        if (flow == defaultFlow) {
          continue;
        }
        ConditionExpression condition = flow.getConditionExpression();
        if (condition == null || node instanceof EventBasedGateway) {
          taken.put(flow, node instanceof EventBasedGateway ? path.waited(label(flow.getTarget())) : path);
          continue;
        }
        try {
          if (Boolean.TRUE.equals(evaluate(condition.getTextContent()))) {
            taken.put(flow, path);
            if (exclusive && guessed.isEmpty()) {
              break;
            }
          }
        } catch (Unknown e) {
          guessed.put(flow, answer(node, flow));
          taken.put(flow, path);
        }
      }
      if (defaultFlow != null && (taken.isEmpty() || !guessed.isEmpty())) {
        if (!taken.isEmpty()) {
          guessed.put(defaultFlow, answer(node, defaultFlow));
        }
        taken.put(defaultFlow, path);
      }
      if (!split) {
        return taken;
      }
      Map<SequenceFlow, Path> branched = new LinkedHashMap<>();
      boolean guess = !guessed.isEmpty();
      taken.forEach((flow, p) -> branched.put(flow, p.branched(scope, guess ? answer(node, flow) : null)));
      return branched;
    }

    private String answer(FlowNode gateway, SequenceFlow flow) {
      return label(gateway) + " " + (flow.getName() != null ? flow.getName() : label(flow.getTarget()));
    }

    Path catchEvent(ProcessDefinition definition, IntermediateCatchEvent event, Path path) {
      for (var def : event.getEventDefinitions()) {
        if (def instanceof TimerEventDefinition timer) {
          Integer minutes = timerMinutes(timer);
          steps.add(new Step(definition.getKey(), definition.getVersion(), event.getId(), "wait", event.getName(),
              null, Map.of(), null, null, null, null, null, minutes, path.minute(), path.after(), path.when()));
          return minutes == null ? new Path(null, path.waited(label(event)).after(), path.when(), path.splits())
              : path.plus(minutes);
        }
        if (def instanceof MessageEventDefinition) {
          return path.waited(label(event));
        }
      }
      return path;
    }

    /** Minutes of a timer's duration (or of its cycle's period), or null when it cannot be known now. */
    Integer timerMinutes(TimerEventDefinition timer) {
      String text = timer.getTimeDuration() != null ? timer.getTimeDuration().getTextContent()
          : timer.getTimeCycle() != null ? timer.getTimeCycle().getTextContent() : null;
      if (text == null) {
        return null;
      }
      try {
        Object value = evaluate(text.strip());
        String iso = String.valueOf(value);
        iso = iso.substring(iso.lastIndexOf('/') + 1);
        return (int) Duration.parse(iso).toMinutes();
      } catch (Unknown | DateTimeParseException e) {
        return null;
      }
    }

    Path activity(ProcessDefinition definition, Activity activity, Path path, int depth) {
      Map<String, Object> inputs = inputs(activity);
      String process = definition.getKey();
      int version = definition.getVersion();
      if (activity instanceof BusinessRuleTask rule) {
        Object result = decide(rule);
        steps.add(new Step(process, version, rule.getId(), "decision", rule.getName(), null, inputs,
            rule.getCamundaDecisionRef(), result, null, null, null, null, path.minute(), path.after(), path.when()));
        return path;
      }
      if (activity instanceof UserTask task) {
        steps.add(new Step(process, version, task.getId(), "user", words(task.getName()), null, inputs, null, null,
            task.getCamundaAssignee(), task.getCamundaCandidateGroups(), null, null, path.minute(), path.after(),
            path.when()));
        return path.waited(label(task));
      }
      if (activity instanceof CallActivity call) {
        return call(definition, call, inputs, path, depth);
      }
      String kind = activity instanceof SendTask ? "send" : activity instanceof ScriptTask ? "script" : "service";
      String implementation = null;
      if (activity instanceof ServiceTask task) {
        implementation = task.getCamundaDelegateExpression() != null ? task.getCamundaDelegateExpression()
            : task.getCamundaExpression() != null ? task.getCamundaExpression() : task.getCamundaClass();
      } else if (activity instanceof SendTask task) {
        implementation = task.getCamundaDelegateExpression() != null ? task.getCamundaDelegateExpression()
            : task.getCamundaExpression() != null ? task.getCamundaExpression() : task.getCamundaClass();
      }
      steps.add(new Step(process, version, activity.getId(), kind, activity.getName(), implementation, inputs, null,
          null, null, null, null, null, path.minute(), path.after(), path.when()));
      return path;
    }

    Path call(ProcessDefinition caller, CallActivity call, Map<String, Object> inputs, Path path, int depth) {
      String key = call.getCalledElement();
      ProcessDefinition called = key == null || depth >= MAX_CALL_DEPTH ? null : resolve(caller, call, key);
      steps.add(new Step(caller.getKey(), caller.getVersion(), call.getId(), "call", call.getName(), null, inputs,
          null, null, null, null, key, null, path.minute(), path.after(), path.when()));
      if (called == null) {
        return path;
      }
      Map<String, Object> parent = new HashMap<>(facts);
      List<CamundaIn> ins = extensions(call, CamundaIn.class);
      List<CamundaOut> outs = extensions(call, CamundaOut.class);
      if (ins.stream().noneMatch(in -> "all".equals(in.getCamundaVariables()))) {
        facts.clear();
      }
      for (CamundaIn in : ins) {
        if (in.getCamundaTarget() == null) {
          continue;
        }
        try {
          Object value = in.getCamundaSourceExpression() != null ? evaluate(in.getCamundaSourceExpression())
              : parent.get(in.getCamundaSource());
          facts.put(in.getCamundaTarget(), value);
        } catch (Unknown e) {
          facts.remove(in.getCamundaTarget());
        }
      }
      Path end = process(called, path, depth + 1).returnedTo(path);
      Map<String, Object> child = new HashMap<>(facts);
      facts.clear();
      facts.putAll(parent);
      for (CamundaOut out : outs) {
        if ("all".equals(out.getCamundaVariables())) {
          facts.putAll(child);
        } else if (out.getCamundaTarget() != null && out.getCamundaSource() != null
            && child.containsKey(out.getCamundaSource())) {
          facts.put(out.getCamundaTarget(), child.get(out.getCamundaSource()));
        }
      }
      return end;
    }

    /** The definition a call activity starts now, by its binding (latest when none is given). */
    ProcessDefinition resolve(ProcessDefinition caller, CallActivity call, String key) {
      var query = repository.createProcessDefinitionQuery().processDefinitionKey(key);
      String binding = call.getCamundaCalledElementBinding();
      if ("deployment".equals(binding)) {
        return query.deploymentId(caller.getDeploymentId()).singleResult();
      }
      if ("version".equals(binding) && call.getCamundaCalledElementVersion() != null) {
        return query.processDefinitionVersion(Integer.valueOf(call.getCamundaCalledElementVersion())).singleResult();
      }
      if ("versionTag".equals(binding) && call.getCamundaCalledElementVersionTag() != null) {
        return query.versionTag(call.getCamundaCalledElementVersionTag()).singleResult();
      }
      return query.latestVersion().singleResult();
    }

    /** Evaluates the business rule task as the engine would, unless the dry run fixed its result. */
    Object decide(BusinessRuleTask rule) {
      String result = rule.getCamundaResultVariable();
      if (result != null && fixed.contains(result)) {
        return facts.get(result);
      }
      DmnDecisionResult decided = decisions.evaluateDecisionByKey(rule.getCamundaDecisionRef())
          .variables(Variables.fromMap(facts)).evaluate();
      String mapping = rule.getCamundaMapDecisionResult() == null ? "resultList" : rule.getCamundaMapDecisionResult();
      Object value = switch (mapping) {
        case "singleEntry" -> decided.getSingleEntry();
        case "singleResult" -> decided.getSingleResult() == null ? null : decided.getSingleResult().getEntryMap();
        case "collectEntries" -> decided.collectEntries(decided.getFirstResult().keySet().iterator().next());
        default -> decided.getResultList();
      };
      if (result != null) {
        facts.put(result, value);
      }
      CamundaInputOutput io = extension(rule, CamundaInputOutput.class);
      if (io != null) {
        for (CamundaOutputParameter out : io.getCamundaOutputParameters()) {
          try {
            facts.put(out.getCamundaName(), evaluate(out.getTextContent()));
          } catch (Unknown e) {
            facts.remove(out.getCamundaName());
          }
        }
      }
      return value;
    }

    /** The activity's input parameters, evaluated where the facts allow; expressions left as written otherwise. */
    Map<String, Object> inputs(Activity activity) {
      Map<String, Object> inputs = new LinkedHashMap<>();
      CamundaInputOutput io = extension(activity, CamundaInputOutput.class);
      if (io == null) {
        return inputs;
      }
      for (CamundaInputParameter in : io.getCamundaInputParameters()) {
        String text = in.getTextContent() == null ? "" : in.getTextContent().strip();
        Object value;
        try {
          value = evaluate(text);
        } catch (Unknown e) {
          value = text;
        }
        inputs.put(in.getCamundaName(), value);
      }
      return inputs;
    }

    Object evaluate(String text) throws Unknown {
      if (!text.contains("${") && !text.contains("#{")) {
        return text;
      }
      VariableScope scope = ModelWalk.scope(facts);
      try {
        return configuration.getExpressionManager().createExpression(text).getValue(scope);
      } catch (RuntimeException e) {
        throw new Unknown(e);
      }
    }
  }

  private static String label(FlowNode node) {
    return node.getName() != null ? words(node.getName()) : node.getId();
  }

  /** A name without its expressions: a user task's "Acknowledge page ${…}" is "Acknowledge page" before it runs. */
  static String words(String name) {
    return name == null ? null : name.replaceAll("\\s*\\$\\{[^}]*\\}", "").strip();
  }

  private static <T extends org.camunda.bpm.model.bpmn.instance.BpmnModelElementInstance> T extension(
      org.camunda.bpm.model.bpmn.instance.BaseElement element, Class<T> type) {
    List<T> found = extensions(element, type);
    return found.isEmpty() ? null : found.get(0);
  }

  private static <T extends org.camunda.bpm.model.bpmn.instance.BpmnModelElementInstance> List<T> extensions(
      org.camunda.bpm.model.bpmn.instance.BaseElement element, Class<T> type) {
    if (element.getExtensionElements() == null) {
      return List.of();
    }
    return element.getExtensionElements().getElementsQuery().filterByType(type).list();
  }

  /**
   * The facts as a variable scope for the engine's expressions; {@code execution} answers
   * {@code execution.getVariable('…')} from them as a running process would.
   */
  static VariableScope scope(Map<String, Object> facts) {
    Map<String, Object> view = new HashMap<>(facts);
    view.putIfAbsent("execution", new Facts(facts));
    return (VariableScope) Proxy.newProxyInstance(VariableScope.class.getClassLoader(),
        new Class<?>[] {VariableScope.class}, (proxy, method, args) -> switch (method.getName()) {
          case "hasVariable" -> view.containsKey((String) args[0]);
          case "getVariable", "getVariableLocal" -> view.get((String) args[0]);
          case "getVariables", "getVariablesLocal" -> Variables.fromMap(view);
          case "getVariableNames", "getVariableNamesLocal" -> view.keySet();
          case "getVariableScopeKey" -> "dry-run";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "dry run facts";
          default -> throw new UnsupportedOperationException("a dry run changes nothing: " + method.getName());
        });
  }

  /** What {@code execution} is in a dry run's expressions: the facts, read-only. */
  public static final class Facts {
    private final Map<String, Object> facts;

    Facts(Map<String, Object> facts) {
      this.facts = facts;
    }

    public Object getVariable(String name) {
      return facts.get(name);
    }

    public boolean hasVariable(String name) {
      return facts.containsKey(name);
    }
  }
}
