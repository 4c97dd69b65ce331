package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.ProcessTest;
import io.firebreak.comms.ChatPort;
import io.firebreak.comms.IncidentMails;
import io.firebreak.comms.MailPort;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.oncall.PagingPort;
import io.firebreak.statuspage.StatusPagePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * The Camunda Modeler element templates in {@code processes/.camunda/element-templates/}: one per
 * Firebreak delegate bean, each naming a bean that exists, dropdowns offering only message
 * templates that exist; the models use outside-call delegates as async steps, retried on the
 * engine's one retry cycle (no step or template sets its own); and the templates never end up in
 * the jar or in a deployment.
 */
class ElementTemplatesTest extends ProcessTest {

  static final Path DIR = Path.of("processes/.camunda/element-templates");
  /** The engine-wide retry cycle (application.yaml, failedJobRetryTimeCycle). */
  static final String RETRY_CYCLE = "PT30S,PT1M,PT2M,PT5M,PT10M,PT15M,PT30M";
  /**
   * Elements ("file#id") deliberately on a cycle other than the engine's, each with its reason in
   * docs/process-owners.md. None today.
   */
  static final Map<String, String> OWN_RETRY_CYCLES = Map.of();
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ApplicationContext context;
  @Autowired MessageTemplates messages;
  @Autowired ModelDeployer deployer;

  @Test
  void everyTemplateNamesAnExistingDelegateBeanAndEveryDelegateBeanHasATemplate() throws IOException {
    Map<String, JsonNode> templates = templates();
    for (Map.Entry<String, JsonNode> entry : templates.entrySet()) {
      // <bean>.json, or <bean>.<variant>.json for a preset of the same delegate ("Create Jira issue" on callHttp).
      String bean = bean(entry.getKey());
      JsonNode template = entry.getValue();
      assertThat(template.get("$schema").asText()).as(bean)
          .isEqualTo("https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json");
      assertThat(template.get("id").asText()).as(bean).isEqualTo("io.firebreak." + entry.getKey());
      assertThat(template.get("name").asText()).as(bean).isNotBlank();
      assertThat(template.get("appliesTo").toString()).as(bean).contains("bpmn:ServiceTask");
      JsonNode delegate = binding(template, "property", "camunda:delegateExpression");
      assertThat(delegate).as(bean + " delegate expression").isNotNull();
      assertThat(delegate.get("value").asText()).as(bean).isEqualTo("${" + bean + "}");
      assertThat(delegate.get("type").asText()).as(bean).isEqualTo("Hidden");
      assertThat(context.containsBean(bean)).as("bean %s exists", bean).isTrue();
      assertThat(context.getBean(bean)).as(bean).isInstanceOf(JavaDelegate.class);
      for (JsonNode property : template.get("properties")) {
        if (property.get("binding").get("type").asText().equals("camunda:inputParameter")) {
          // Required, or explicitly optional (Modeler then leaves the parameter out when empty).
          assertThat(property.path("constraints").path("notEmpty").asBoolean() || property.path("optional").asBoolean())
              .as(entry.getKey() + " input " + property.get("binding").get("name") + " required or optional").isTrue();
        }
      }
    }
    TreeSet<String> delegates = new TreeSet<>();
    context.getBeansOfType(JavaDelegate.class).forEach((name, bean) -> {
      if (bean.getClass().getName().startsWith("io.firebreak.")) {
        delegates.add(name);
      }
    });
    assertThat(new TreeSet<>(templates.keySet().stream().map(ElementTemplatesTest::bean).toList()))
        .as("element templates for the delegate beans").containsExactlyElementsOf(delegates);
  }

  @Test
  void dropdownsOfferOnlyMessageTemplatesThatExist() throws IOException {
    Map<String, Format[]> formats = Map.of(
        "postToSlack", new Format[] {Format.SLACK},
        "setChannelTopic", new Format[] {Format.SLACK},
        "sendIncidentEmail", new Format[] {Format.SUBJECT, Format.TEXT, Format.HTML},
        "emailReviewReport", new Format[] {Format.SUBJECT, Format.TEXT, Format.HTML},
        "notifyActionItem", new Format[] {Format.SUBJECT, Format.TEXT, Format.HTML},
        "updateStatusPage", new Format[] {Format.TEXT},
        "notifyMaintenance", new Format[] {Format.SLACK},
        "publishMaintenance", new Format[] {Format.TEXT},
        "emailStatusSubscribers", new Format[] {Format.SUBJECT, Format.TEXT, Format.HTML});
    templates().forEach((bean, template) -> {
      JsonNode input = binding(template, "camunda:inputParameter", "template");
      if (input == null) {
        return;
      }
      assertThat(formats).as("formats of %s templates", bean).containsKey(bean);
      List<String> values = new ArrayList<>();
      input.path("choices").forEach(c -> values.add(c.get("value").asText()));
      if (input.has("value")) {
        values.add(input.get("value").asText());
      }
      assertThat(values).as(bean).isNotEmpty();
      for (String value : values) {
        if (value.startsWith("${")) {
          continue;
        }
        for (Format format : formats.get(bean)) {
          assertThat(messages.exists(value, format)).as("%s offers %s (%s)", bean, value, format).isTrue();
        }
      }
    });
  }

  @Test
  void everyOutsideCallInTheModelsIsAnAsyncStepOnTheEngineRetryCycle() throws IOException {
    Map<String, JsonNode> templates = templates();
    List<String> checked = new ArrayList<>();
    Map<String, String> overrides = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
          String expression = task.getCamundaDelegateExpression();
          if (expression == null) {
            continue;
          }
          String bean = expression.substring(2, expression.length() - 1);
          JsonNode template = templates.get(bean);
          assertThat(template != null).as("template for %s used by %s", bean, task.getId()).isTrue();
          if (binding(template, "property", "camunda:asyncBefore") != null) {
            assertThat(task.isCamundaAsyncBefore()).as("%s in %s is async", task.getId(), file).isTrue();
            checked.add(task.getId());
          }
        }
        // Any element (step, timer) with a cycle of its own leaves the engine default.
        for (CamundaFailedJobRetryTimeCycle cycle : model.getModelElementsByType(CamundaFailedJobRetryTimeCycle.class)) {
          String element = ((BaseElement) cycle.getParentElement().getParentElement()).getId();
          overrides.put(file.getFileName() + "#" + element, cycle.getTextContent().strip());
        }
      }
    }
    assertThat(checked).contains("Task_OpenIncidentChannel", "Task_SetChannelTopic", "Task_SendInitialEmail",
        "Task_PageEscalationLevel", "Task_ArchiveChannel", "Task_CreateTicket", "Task_CreateVideoBridge",
        "Task_CloseTicket", "Task_NotifyIncidentDeclared");
    assertThat(overrides).as("steps with a retry cycle of their own (docs/process-owners.md: list each with its reason)")
        .isEqualTo(OWN_RETRY_CYCLES);
    // Nor does a template set one: a step made from a template gets the engine default.
    templates.forEach((name, template) -> assertThat(template.toString()).as(name)
        .doesNotContain("failedJobRetryTimeCycle"));
  }

  @Test
  void anAsyncStepWithoutItsOwnCycleIsRetriedOnTheEngineDefault() {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getFailedJobRetryTimeCycle()).as("camunda.bpm.generic-properties, application.yaml")
        .isEqualTo(RETRY_CYCLE);
    Deployment probe = engine.getRepositoryService().createDeployment().name("retry-probe")
        .addModelInstance("retry-probe.bpmn", Bpmn.createExecutableProcess("retry-probe")
            .camundaHistoryTimeToLive(1).startEvent().serviceTask("Task_Fail").camundaAsyncBefore()
            .camundaExpression("${noSuchBean}").endEvent().done())
        .deploy();
    try {
      ClockUtil.setCurrentTime(new Date(1_780_000_000_000L));
      engine.getRuntimeService().startProcessInstanceByKey("retry-probe");
      var management = engine.getManagementService();
      Job job = management.createJobQuery().processDefinitionKey("retry-probe").singleResult();
      // The first attempt and one retry per interval of the cycle (without a cycle, Camunda's default is 3).
      assertThat(job.getRetries()).isEqualTo(8);

      // First failure: seven retries left, the first in 30 s.
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("noSuchBean");
      Job failed = management.createJobQuery().jobId(job.getId()).singleResult();
      assertThat(failed.getRetries()).isEqualTo(7);
      assertThat(failed.getDuedate()).isEqualTo(new Date(ClockUtil.getCurrentTime().getTime() + 30_000));

      // Second failure: one retry fewer, the next interval (1 minute).
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("noSuchBean");
      Job again = management.createJobQuery().jobId(job.getId()).singleResult();
      assertThat(again.getRetries()).isEqualTo(6);
      assertThat(again.getDuedate()).isEqualTo(new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
    } finally {
      engine.getRepositoryService().deleteDeployment(probe.getId(), true);
    }
  }

  @Test
  void everyDelegateThatCallsOutsideHasATemplateThatMakesItAnAsyncStep() throws IOException {
    // A delegate given a port to the outside world (or a sender built on one) calls it.
    Set<Class<?>> outside = Set.of(ChatPort.class, MailPort.class, IncidentMails.class, PagingPort.class,
        StatusPagePort.class);
    Map<String, JsonNode> templates = templates();
    List<String> callers = new ArrayList<>();
    context.getBeansOfType(JavaDelegate.class).forEach((name, bean) -> {
      if (callsOutside(AopUtils.getTargetClass(bean), outside, new HashSet<>())) {
        callers.add(name);
        assertThat(templates.get(name)).as("element template of %s", name).isNotNull();
        JsonNode async = binding(templates.get(name), "property", "camunda:asyncBefore");
        assertThat(async).as("%s calls outside: its template sets asyncBefore", name).isNotNull();
        assertThat(async.get("value").asBoolean()).as(name).isTrue();
      }
    });
    assertThat(callers).contains("openIncidentChannel", "postToSlack", "inviteToChannel", "setChannelTopic",
        "archiveChannel", "sendIncidentEmail", "updateStatusPage", "pageEscalationLevel", "notifyActionItem",
        "emailReviewReport", "callHttp", "notifySubscribers");
  }

  /**
   * Whether a class is given one of the {@code outside} ports, directly or through a helper of
   * Firebreak's it is given (e.g. the channel steps' skeleton, which holds the chat port).
   */
  private static boolean callsOutside(Class<?> type, Set<Class<?>> outside, Set<Class<?>> seen) {
    if (!seen.add(type)) {
      return false;
    }
    return Stream.of(type.getDeclaredConstructors()).flatMap(c -> Stream.of(c.getParameterTypes()))
        .anyMatch(given -> outside.contains(given) || given.getName().equals("io.firebreak.integrations.OutboundHttp")
            || given.getName().startsWith("io.firebreak.") && !given.isInterface() && callsOutside(given, outside, seen));
  }

  @Test
  void templatesAreNeitherInTheJarNorDeployed() {
    assertThat(new ClassPathResource("processes/.camunda/element-templates/postToSlack.json").exists()).isFalse();
    assertThat(deployer.resources().keySet()).noneMatch(name -> name.contains(".camunda"))
        .contains("processes/incident.bpmn");
  }

  static Map<String, JsonNode> templates() throws IOException {
    Map<String, JsonNode> templates = new TreeMap<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        JsonNode array = JSON.readTree(file.toFile());
        assertThat(array.isArray() && array.size() == 1).as("%s holds one template in an array", file).isTrue();
        templates.put(file.getFileName().toString().replace(".json", ""), array.get(0));
      }
    }
    return templates;
  }

  static String bean(String templateFile) {
    int dot = templateFile.indexOf('.');
    return dot < 0 ? templateFile : templateFile.substring(0, dot);
  }

  static JsonNode binding(JsonNode template, String type, String name) {
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.get("binding");
      if (binding.get("type").asText().equals(type) && binding.get("name").asText().equals(name)) {
        return property;
      }
    }
    return null;
  }
}
