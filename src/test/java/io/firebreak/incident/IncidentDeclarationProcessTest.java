package io.firebreak.incident;

import static io.firebreak.incident.DeclarationProcess.Elements.ANNOUNCEMENT_NEEDED;
import static io.firebreak.incident.DeclarationProcess.Elements.ANNOUNCE_INCIDENT;
import static io.firebreak.incident.DeclarationProcess.Elements.CLASSIFY_SEVERITY;
import static io.firebreak.incident.DeclarationProcess.Elements.FULL_RESPONSE_STARTED;
import static io.firebreak.incident.DeclarationProcess.Elements.LIGHT_RESPONSE_CHOSEN;
import static io.firebreak.incident.DeclarationProcess.Elements.OPEN_INCIDENT_CHANNEL;
import static io.firebreak.incident.DeclarationProcess.Elements.SEND_INITIAL_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.MailPort.Mail;
import io.firebreak.comms.RecordingChat.Call;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

class IncidentDeclarationProcessTest extends ProcessTest {

  private ProcessInstance declare(String title, String type, String proposedSeverity, boolean customerImpact) {
    String key = TestIncidents.register(incidents, title, type, customerImpact);
    Map<String, Object> vars = new HashMap<>();
    vars.put(IncidentVariables.TITLE.name(), title);
    vars.put(IncidentVariables.INCIDENT_TYPE.name(), type);
    vars.put(IncidentVariables.PROPOSED_SEVERITY.name(), proposedSeverity);
    vars.put(IncidentVariables.CUSTOMER_IMPACT.name(), customerImpact);
    vars.put(IncidentVariables.ALERT_SEVERITY.name(), null);
    return engine.getRuntimeService().startProcessInstanceByKey(DeclarationProcess.KEY, key, vars);
  }

  @Test
  void fullResponseOpensChannelAnnouncesAndEmails() {
    ProcessInstance pi = declare("Checkout <fails> & more", "outage", "SEV1", true);
    String key = pi.getBusinessKey();

    assertThat(pi).isWaitingAt(OPEN_INCIDENT_CHANNEL).variables()
        .containsEntry("severity", "SEV1")
        .containsEntry("fullResponse", true)
        .containsEntry("updateIntervalMinutes", 15)
        .containsEntry("ackTimeoutMinutes", 5)
        .containsEntry("escalationChain", "on-call,incident-commanders,leadership");
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(CLASSIFY_SEVERITY, OPEN_INCIDENT_CHANNEL, ANNOUNCE_INCIDENT, SEND_INITIAL_EMAIL,
        FULL_RESPONSE_STARTED).isEnded();
    String channel = key.toLowerCase() + "-checkout-fails-more";
    assertThat(chat.calls).extracting(Call::action, Call::channel)
        .containsExactly(tuple("open", channel), tuple("topic", channel), tuple("post", "incidents"));
    assertThat(chat.calls.get(1).detail()).isEqualTo("SEV1 · declared · IC: being assigned");
    // User text is escaped for Slack mrkdwn and links the incident channel.
    assertThat(chat.posts("incidents").get(0).detail())
        .contains("Checkout &lt;fails&gt; &amp; more").contains("#" + channel).doesNotContain("<fails>");
    // "Details" opens the incident page for people, not the JSON API.
    assertThat(chat.posts("incidents").get(0).detail())
        .contains("<http://localhost:8080/incidents/" + key + "|Details in Firebreak>").doesNotContain("/api/incidents/");

    assertThat(mail.to(key)).hasSize(1);
    Mail initial = mail.to(key).get(0);
    assertThat(initial.to()).containsExactly("incidents@example.com");
    assertThat(initial.subject()).startsWith("[" + key + "][SEV1]");
    // The six facts: what, severity, progress, who manages, where, who else.
    assertThat(initial.text()).contains("What:", "Checkout <fails> & more", "Severity:    SEV1", "Progress:    declared",
        "Managed by:", "Coordinate:  Slack #" + channel, "Involved:    Reporter: support.sam",
        "Details:     http://localhost:8080/incidents/" + key);
    assertThat(initial.html()).contains("<a href=\"http://localhost:8080/incidents/" + key + "\">");
    assertThat(initial.html()).contains("Checkout &lt;fails&gt; &amp; more").doesNotContain("<fails>");

    // Paging is the escalation phase's first step (incident-escalation), not the declaration's.
    assertThat(paging.targets(key)).isEmpty();
    assertThat(incidents.find(key).orElseThrow().channelName()).isEqualTo(channel);
    assertThat(timelineKinds(key)).contains("CLASSIFIED").doesNotContain("PAGED");
  }

  @Test
  void minorIncidentTakesTheLightPathWithoutChannelOrPage() {
    ProcessInstance pi = declare("Typo on the pricing page", "other", "SEV4", false);
    String key = pi.getBusinessKey();

    assertThat(pi).hasPassed(LIGHT_RESPONSE_CHOSEN).isEnded();
    assertThat(chat.calls).isEmpty();
    assertThat(mail.to(key)).isEmpty();
    assertThat(paging.targets(key)).isEmpty();
    assertThat(incidents.find(key).orElseThrow().fullResponse()).isFalse();
  }

  @Test
  void securityIncidentGetsAPrivateChannelAndKeepsDetailsOutOfBroadEmail() {
    ProcessInstance pi = declare("Leaked API keys", "security", "unknown", true);
    String key = pi.getBusinessKey();
    runDueJobs(key);

    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("severity").singleResult().getValue()).isEqualTo("SEV1");
    assertThat(chat.calls.get(0).action()).isEqualTo("open-private");
    assertThat(mail.to(key).get(0).text()).doesNotContain("a description");
    // The plan keeps security need-to-know: nothing in the broadcast channel.
    assertThat(pi).hasPassed(ANNOUNCEMENT_NEEDED, SEND_INITIAL_EMAIL).hasNotPassed(ANNOUNCE_INCIDENT);
    assertThat(chat.posts("incidents")).isEmpty();
  }

  /** The plan's outputs, not the type's name, decide: clinical safety is announced, openly, without its details. */
  @Test
  void clinicalSafetyIsAnnouncedInAnOpenChannelWithoutDetails() {
    ProcessInstance pi = declare("Wrong dose shown", "clinical-safety", "SEV2", false);
    String key = pi.getBusinessKey();
    runDueJobs(key);

    assertThat(pi).variables().containsEntry("confidential", true).containsEntry("broadcast", true)
        .containsEntry("privateChannel", false);
    assertThat(chat.calls.get(0).action()).isEqualTo("open");
    assertThat(chat.posts("incidents")).hasSize(1);
    assertThat(chat.posts("incidents").get(0).detail()).contains("Wrong dose shown").doesNotContain("a description");
    assertThat(mail.to(key).get(0).text()).doesNotContain("a description");
  }

  @Test
  void anOutageAnnouncementCarriesItsDetails() {
    ProcessInstance pi = declare("Search down", "outage", "SEV2", false);
    runDueJobs(pi.getBusinessKey());

    assertThat(pi).variables().containsEntry("confidential", false);
    assertThat(chat.posts("incidents").get(0).detail()).contains("a description");
    assertThat(mail.to(pi.getBusinessKey()).get(0).text()).contains("a description");
  }

  @Test
  void failedSlackCallIsRetriedLaterAndPostsOnce() {
    chat.failNext(1);
    ProcessInstance pi = declare("Login slow", "degradation", "SEV2", false);
    String key = pi.getBusinessKey();

    runDueJobsIgnoringFailures(key);
    Job failed = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(failed.getExceptionMessage()).contains("scripted failure");
    assertThat(failed.getRetries()).isEqualTo(7);
    assertThat(chat.calls).isEmpty();

    advance(Duration.ofSeconds(31));
    runDueJobs(key);
    assertThat(pi).isEnded();
    assertThat(chat.calls).extracting(Call::action).containsExactly("open", "topic", "post");
  }

  private void runDueJobsIgnoringFailures(String key) {
    try {
      runDueJobs(key);
    } catch (RuntimeException expected) {
      // the scripted failure; the job keeps its remaining retries
    }
  }
}
