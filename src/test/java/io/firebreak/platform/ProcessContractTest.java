package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.RemediationProcess;
import io.firebreak.oncall.EscalationProcess;
import io.firebreak.postmortem.ActionItemProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.junit.jupiter.api.Test;

/**
 * The version contract of docs/process-owners.md ("Versions"), as far as a machine can check it in
 * the shipped models: every call activity binds to the latest version and hands on the incident
 * key and all variables (so a newer version of a phase can read what it needs), and the messages
 * and tasks Firebreak's code correlates or completes exist in the processes that own them; and a
 * flow whose id names its target ({@code Flow_To<Target>}) leads there.
 */
class ProcessContractTest {

  @Test
  void everyCallActivityBindsLatestAndHandsOnTheKeyAndAllVariables() throws IOException {
    int calls = 0;
    for (Map.Entry<Path, BpmnModelInstance> model : models()) {
      for (CallActivity call : model.getValue().getModelElementsByType(CallActivity.class)) {
        String what = call.getId() + " in " + model.getKey().getFileName();
        assertThat(call.getCamundaCalledElementBinding()).as(what).isEqualTo("latest");
        List<CamundaIn> ins = call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list();
        assertThat(ins).as(what + " passes the business key")
            .anySatisfy(in -> assertThat(in.getCamundaBusinessKey()).isEqualTo("#{execution.processBusinessKey}"));
        assertThat(ins).as(what + " passes all variables").anySatisfy(in -> assertThat(in.getCamundaVariables()).isEqualTo("all"));
        calls++;
      }
    }
    assertThat(calls).isGreaterThanOrEqualTo(9);
  }

  @Test
  void theMessagesAndTasksTheCodeReliesOnExist() throws IOException {
    Map<String, List<String>> messages = Map.of(
        IncidentProcess.KEY, List.of(IncidentProcess.MSG_INCIDENT_DECLARED, IncidentProcess.MSG_SEVERITY_CHANGED,
            IncidentProcess.MSG_STATUS_UPDATE_RECEIVED, IncidentProcess.MSG_INCIDENT_COMMANDER_CHANGED),
        EscalationProcess.KEY, List.of(EscalationProcess.MSG_PAGE_ACKNOWLEDGED),
        RemediationProcess.KEY, List.of(RemediationProcess.MSG_ALERT_RESOLVED),
        ActionItemProcess.KEY, List.of(ActionItemProcess.MSG_ACTION_ITEM_ASSIGNED));
    Map<String, List<String>> tasks = Map.of(
        IncidentProcess.KEY, List.of(IncidentProcess.Elements.POST_STATUS_UPDATE, IncidentProcess.Elements.HANDLE_MINOR_INCIDENT),
        EscalationProcess.KEY, List.of(EscalationProcess.Elements.ACKNOWLEDGE_PAGE),
        RemediationProcess.KEY, List.of(RemediationProcess.Elements.RESOLVE_INCIDENT));
    messages.forEach((process, names) -> assertThat(model(process).getModelElementsByType(Message.class))
        .as("messages of %s", process).extracting(Message::getName).containsAll(names));
    tasks.forEach((process, ids) -> ids.forEach(id -> assertThat(model(process).<UserTask>getModelElementById(id))
        .as("user task %s of %s", id, process).isNotNull()));
  }

  @Test
  void aFlowNamedForItsTargetLeadsThere() throws IOException {
    // Flow_To<X> leads to the element <prefix>_<X…> (Flow_ToTriage → CallActivity_TriageIncident) or
    // to one X qualifies (Flow_ToMitigateImpactAfterTopic → Task_MitigateImpact): a step inserted
    // in front of a target takes the flow's id with it, the id must follow.
    List<String> drift = new ArrayList<>();
    int named = 0;
    for (Map.Entry<Path, BpmnModelInstance> model : models()) {
      for (SequenceFlow flow : model.getValue().getModelElementsByType(SequenceFlow.class)) {
        if (!flow.getId().startsWith("Flow_To")) {
          continue;
        }
        named++;
        String to = flow.getId().substring("Flow_To".length());
        String target = flow.getTarget().getId();
        String targetName = target.substring(target.indexOf('_') + 1);
        if (!targetName.startsWith(to) && !to.startsWith(targetName)) {
          drift.add(model.getKey().getFileName() + ": " + flow.getId() + " leads to " + target);
        }
      }
    }
    assertThat(named).isGreaterThan(50);
    assertThat(drift).as("flow ids that name another element than their target").isEmpty();
  }

  private static BpmnModelInstance model(String process) {
    return Bpmn.readModelFromFile(Path.of("processes", process + ".bpmn").toFile());
  }

  private static List<Map.Entry<Path, BpmnModelInstance>> models() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted()
          .map(f -> Map.entry(f, Bpmn.readModelFromFile(f.toFile()))).toList();
    }
  }
}
