package io.firebreak.comms;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.TestIncidents;
import java.util.Map;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The delivery markers of the channel steps keep their form: a job running while Firebreak is
 * upgraded has its marker stored, and a retry under a new form of key would reach Slack again.
 */
class ChannelStepMarkersTest extends ProcessTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void everyChannelStepRecordsItsDeliveryUnderTheSameKeyAsBefore() {
    users("ic.ira");
    Map<String, Object> vars = TestIncidents.fullResponse(incidents, "Markers", "outage", "SEV2", false);
    String key = IncidentVariables.INCIDENT_KEY.from(vars);
    vars.put(IncidentVariables.PRIVATE_CHANNEL.name(), false);
    vars.put("responder", "ic.ira");
    String channel = key.toLowerCase() + "-markers";
    BpmnModelInstance model = Bpmn.createExecutableProcess("test-channel-markers")
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("Task_Open").camundaDelegateExpression("${openIncidentChannel}")
        .serviceTask("Task_Post").camundaDelegateExpression("${postToSlack}")
        .camundaInputParameter("channel", "incident").camundaInputParameter("template", "incident-declared")
        .serviceTask("Task_Topic").camundaDelegateExpression("${setChannelTopic}")
        .serviceTask("Task_Invite").camundaDelegateExpression("${inviteToChannel}")
        .camundaInputParameter("invite", "variable:responder")
        .serviceTask("Task_Archive").camundaDelegateExpression("${archiveChannel}")
        .endEvent().done();
    Deployment deployment = engine.getRepositoryService().createDeployment()
        .addModelInstance("channel-markers.bpmn", model).deploy();
    try {
      ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("test-channel-markers", key, vars);
      String step = "pi:" + pi.getId() + ":";
      // The recording chat opens no Slack channel, so the steps address the channel by its name.
      assertThat(jdbc.queryForList("SELECT delivery_key FROM fb_delivery WHERE incident_key = ?", String.class, key))
          .containsExactlyInAnyOrder(
              step + "Task_Open/channel:" + channel,
              step + "Task_Post/post:" + channel + ":incident-declared",
              step + "Task_Topic/topic:" + channel,
              step + "Task_Invite/invite:" + channel + ":ic.ira@example.com",
              step + "Task_Archive/archive:" + channel);
      assertThat(chat.calls("open", "post", "topic", "invite", "archive"))
          .filteredOn(c -> c.incidentKey().equals(key)).hasSize(5);
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }
}
