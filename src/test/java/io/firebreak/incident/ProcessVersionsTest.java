package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.oncall.EscalationProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * The version contract of docs/process-owners.md: call activities bind to the {@code latest}
 * version, so a phase that has not started yet runs on the newest deployed version of its
 * process, a phase already running finishes on the version it started on, and an owner moves a
 * running incident to a new version of {@code incident} with Camunda's migration API.
 */
class ProcessVersionsTest extends ProcessTest {

  private static final String IC = "ian.ic";

  @Autowired IncidentService incidentService;

  private boolean redeployShipped;

  @AfterEach
  void redeployTheShippedModels() throws IOException {
    // Later tests in this engine run on the shipped models again (a newer version of the same text).
    if (redeployShipped) {
      for (String process : new String[] {IncidentProcess.KEY, TriageProcess.KEY, RemediationProcess.KEY}) {
        deploy("shipped-" + process, process, shipped(process));
      }
    }
  }

  @Test
  void aPhaseNotYetStartedRunsOnTheNewestVersionAndARunningPhaseFinishesOnItsOwn() throws IOException {
    String key = declare("Search results slow", "SEV3");
    acknowledgePage(key);
    ProcessInstance triage = instance(key, TriageProcess.KEY);
    String triageV1 = triage.getProcessDefinitionId();

    redeployShipped = true;
    ProcessDefinition remediationV2 = deploy("remediation-v2", RemediationProcess.KEY, shipped(RemediationProcess.KEY)
        .replace("name=\"Investigate incident ${", "name=\"Investigate incident and its cause ${"));
    ProcessDefinition triageV2 = deploy("triage-v2", TriageProcess.KEY, shipped(TriageProcess.KEY)
        .replace("name=\"Triage ${", "name=\"Triage the incident ${"));
    assertThat(triageV2.getId()).isNotEqualTo(triageV1);

    triage(key);

    // The running triage finished on the version it started on.
    HistoricProcessInstance triaged = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(triage.getId()).singleResult();
    assertThat(triaged.getProcessDefinitionId()).isEqualTo(triageV1);
    // The next phase started on the newest version of its process.
    ProcessInstance remediation = instance(key, RemediationProcess.KEY);
    assertThat(remediation.getProcessDefinitionId()).isEqualTo(remediationV2.getId());
    // The task's name is the model's expression (it carries the incident since issue 12).
    assertThat(task(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT).getName())
        .startsWith("Investigate incident and its cause " + key + " · ");
  }

  @Test
  void anOwnerMigratesARunningIncidentToANewVersionAndItCompletesOnIt() throws IOException {
    String key = declare("Search results slow", "SEV3");
    acknowledgePage(key);
    ProcessInstance incident = instance(key, IncidentProcess.KEY);
    String v1 = incident.getProcessDefinitionId();

    redeployShipped = true;
    ProcessDefinition v2 = deploy("incident-v2", IncidentProcess.KEY, shipped(IncidentProcess.KEY)
        .replace("name=\"Close incident\"", "name=\"Close the incident\""));
    RuntimeService runtime = engine.getRuntimeService();
    MigrationPlan plan = runtime.createMigrationPlan(v1, v2.getId()).mapEqualActivities().updateEventTriggers().build();
    runtime.newMigration(plan).processInstanceIds(incident.getId()).execute();

    assertThat(instance(key, IncidentProcess.KEY).getProcessDefinitionId()).isEqualTo(v2.getId());
    triage(key);
    remediate(key);
    runDueJobs(key);

    HistoricProcessInstance done = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceId(incident.getId()).singleResult();
    assertThat(done.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
    assertThat(done.getProcessDefinitionId()).isEqualTo(v2.getId());
    HistoricActivityInstance closed = engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(incident.getId()).activityId(IncidentProcess.Elements.CLOSE_INCIDENT).singleResult();
    assertThat(closed.getActivityName()).isEqualTo("Close the incident");
    assertThat(closed.getProcessDefinitionId()).isEqualTo(v2.getId());
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(Incident.State.CLOSED);
  }

  // ---------------------------------------------------------------------------------------------

  private ProcessDefinition deploy(String name, String process, String bpmn) {
    RepositoryService repository = engine.getRepositoryService();
    String deployment = repository.createDeployment().name(name).source("Camunda Modeler")
        .addString(process + ".bpmn", bpmn).deploy().getId();
    return repository.createProcessDefinitionQuery().deploymentId(deployment).processDefinitionKey(process).singleResult();
  }

  private static String shipped(String process) throws IOException {
    try (InputStream in = new ClassPathResource("processes/" + process + ".bpmn").getInputStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text;
    }
  }

  private String declare(String title, String severity) {
    Incident incident = incidentService.declare(new IncidentDeclaration(title, null, "checkout", "degradation",
        severity, false, "support.sam", "api", null));
    runDueJobs(incident.key());
    return incident.key();
  }

  private void acknowledgePage(String key) {
    engine.getTaskService().complete(task(key, EscalationProcess.Elements.ACKNOWLEDGE_PAGE).getId());
    runDueJobs(key);
  }

  /** Triage confirms SEV4: the re-plan drops the postmortem, so the incident closes after remediation. */
  private void triage(String key) {
    Task triage = task(key, TriageProcess.Elements.TRIAGE_INCIDENT);
    engine.getTaskService().setAssignee(triage.getId(), IC);
    engine.getTaskService().complete(triage.getId(), Map.of(TriageProcess.CONFIRMED_SEVERITY.name(), "SEV4",
        IncidentVariables.INCIDENT_TYPE.name(), "degradation", IncidentVariables.CUSTOMER_IMPACT.name(), false));
    runDueJobs(key);
  }

  private void remediate(String key) {
    complete(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT, Map.of(RemediationProcess.FINDINGS.name(), "cause",
        RemediationProcess.THIRD_PARTY_INVOLVED.name(), false));
    runDueJobs(key);
    complete(key, RemediationProcess.Elements.MITIGATE_IMPACT, Map.of(RemediationProcess.MITIGATION_SUMMARY.name(), "m"));
    runDueJobs(key);
    complete(key, RemediationProcess.Elements.RESOLVE_INCIDENT,
        Map.of(IncidentVariables.RESOLUTION_SUMMARY.name(), "Reindexed"));
    runDueJobs(key);
  }
}
