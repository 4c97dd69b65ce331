package io.firebreak.incident;

import static io.firebreak.incident.IncidentVariables.CHANNEL_NAME;
import static io.firebreak.incident.IncidentVariables.CUSTOMER_IMPACT;
import static io.firebreak.incident.IncidentVariables.FULL_RESPONSE;
import static io.firebreak.incident.IncidentVariables.INCIDENT_COMMANDER;
import static io.firebreak.incident.IncidentVariables.INCIDENT_KEY;
import static io.firebreak.incident.IncidentVariables.INCIDENT_TYPE;
import static io.firebreak.incident.IncidentVariables.RESOLUTION_SUMMARY;
import static io.firebreak.incident.IncidentVariables.SEVERITY;
import static io.firebreak.incident.IncidentVariables.TITLE;
import static io.firebreak.incident.RemediationProcess.Elements.ALERT_RESOLVED;
import static io.firebreak.incident.RemediationProcess.Elements.CONTACT_THIRD_PARTY;
import static io.firebreak.incident.RemediationProcess.Elements.INCIDENT_RESOLVED;
import static io.firebreak.incident.RemediationProcess.Elements.INVESTIGATE_INCIDENT;
import static io.firebreak.incident.RemediationProcess.Elements.MITIGATE_IMPACT;
import static io.firebreak.incident.RemediationProcess.Elements.RESOLUTION_SUGGESTED;
import static io.firebreak.incident.RemediationProcess.Elements.RESOLVE_INCIDENT;
import static io.firebreak.incident.RemediationProcess.Elements.SUGGEST_RESOLUTION;
import static io.firebreak.incident.RemediationProcess.Elements.THIRD_PARTY_INVOLVED;
import static io.firebreak.incident.RemediationProcess.FINDINGS;
import static io.firebreak.incident.RemediationProcess.MITIGATION_SUMMARY;
import static io.firebreak.incident.RemediationProcess.THIRD_PARTY_NAME;
import static io.firebreak.incident.RemediationProcess.THIRD_PARTY_REFERENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.RecordingChat.Call;
import io.firebreak.incident.Incident.Phase;
import io.firebreak.incident.Incident.State;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * {@code processes/incident-remediation.bpmn}, started alone as {@code CallActivity_RemediateIncident}
 * starts it: the incident key as business key and every variable of the incident after triage.
 */
class IncidentRemediationProcessTest extends ProcessTest {

  private static final String IC = "ian.ic";

  /** Starts remediation of a triaged SEV2 outage, with or without an incident channel. */
  private ProcessInstance startRemediation(String title, boolean withChannel) {
    String key = TestIncidents.register(incidents, title, "outage", true);
    TestIncidents.classify(incidents, key, "SEV2");
    String channel = withChannel ? channelOf(key) : null;
    if (channel != null) {
      incidents.updateChannel(key, channel, null);
    }
    VariableMap vars = Variables.createVariables();
    INCIDENT_KEY.put(vars, key);
    TITLE.put(vars, title);
    INCIDENT_TYPE.put(vars, "outage");
    SEVERITY.put(vars, "SEV2");
    FULL_RESPONSE.put(vars, true);
    CUSTOMER_IMPACT.put(vars, true);
    INCIDENT_COMMANDER.put(vars, IC);
    CHANNEL_NAME.put(vars, channel);
    return engine.getRuntimeService().startProcessInstanceByKey(RemediationProcess.KEY, key, vars);
  }

  /** The channel OpenIncidentChannel would have opened for "Checkout fails". */
  private static String channelOf(String key) {
    return key.toLowerCase(java.util.Locale.ROOT) + "-checkout-fails";
  }

  @Test
  void investigatesMitigatesAndResolvesWithoutThirdParty() {
    ProcessInstance pi = startRemediation("Checkout fails", false);
    String key = pi.getBusinessKey();

    assertThat(pi).isWaitingAt(INVESTIGATE_INCIDENT);
    assertThat(task(key, INVESTIGATE_INCIDENT).getAssignee()).isEqualTo(IC);
    assertThat(incidents.find(key).orElseThrow().phase()).isEqualTo(Phase.INVESTIGATING);

    complete(key, INVESTIGATE_INCIDENT, Map.of(FINDINGS.name(), "Release 42 broke the payment client",
        RemediationProcess.THIRD_PARTY_INVOLVED.name(), false));
    // The channel topic follows the phase (its own retried step).
    assertThat(pi).isWaitingAt(RemediationProcess.Elements.UPDATE_TOPIC_CAUSE_IDENTIFIED);
    runDueJobs(key);
    assertThat(pi).isWaitingAt(MITIGATE_IMPACT);
    assertThat(task(key, MITIGATE_IMPACT).getAssignee()).isEqualTo(IC);
    assertThat(incidents.find(key).orElseThrow().phase()).isEqualTo(Phase.CAUSE_IDENTIFIED);

    complete(key, MITIGATE_IMPACT, Map.of(MITIGATION_SUMMARY.name(), "Rolled back to release 41"));
    runDueJobs(key);
    assertThat(pi).isWaitingAt(RESOLVE_INCIDENT);
    assertThat(task(key, RESOLVE_INCIDENT).getAssignee()).isEqualTo(IC);
    assertThat(incidents.find(key).orElseThrow().phase()).isEqualTo(Phase.MITIGATED);
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(State.OPEN);

    complete(key, RESOLVE_INCIDENT, Map.of(RESOLUTION_SUMMARY.name(), "Payments succeed again since 10:42"));

    assertThat(pi).hasPassedInOrder(INVESTIGATE_INCIDENT, THIRD_PARTY_INVOLVED, MITIGATE_IMPACT, RESOLVE_INCIDENT,
        INCIDENT_RESOLVED).hasNotPassed(CONTACT_THIRD_PARTY).isEnded();
    Incident resolved = incidents.find(key).orElseThrow();
    assertThat(resolved.state()).isEqualTo(State.RESOLVED);
    assertThat(resolved.phase()).isEqualTo(Phase.RESOLVED);
    assertThat(resolved.resolvedAt()).isNotNull();
    assertThat(timelineTexts(key)).containsSubsequence(
        "Phase: investigating",
        "Phase: cause identified: Release 42 broke the payment client",
        "Phase: mitigated: Rolled back to release 41",
        "Phase: resolved: Payments succeed again since 10:42");
    // No incident channel (light response): the topic steps skip, and say so.
    assertThat(chat.calls).isEmpty();
    assertThat(timelineTexts(key)).contains("No incident channel to set the topic of");
  }

  @Test
  void contactsTheThirdPartyBeforeMitigatingWhenOneIsInvolved() {
    ProcessInstance pi = startRemediation("Checkout fails", false);
    String key = pi.getBusinessKey();

    complete(key, INVESTIGATE_INCIDENT, Map.of(FINDINGS.name(), "Card payments time out at the PSP",
        RemediationProcess.THIRD_PARTY_INVOLVED.name(), true, THIRD_PARTY_NAME.name(), "PayFast"));

    assertThat(pi).isWaitingAt(CONTACT_THIRD_PARTY);
    assertThat(task(key, CONTACT_THIRD_PARTY).getAssignee()).isEqualTo(IC);
    assertThat(incidents.find(key).orElseThrow().phase()).isEqualTo(Phase.CAUSE_IDENTIFIED);

    complete(key, CONTACT_THIRD_PARTY, Map.of(THIRD_PARTY_NAME.name(), "PayFast",
        THIRD_PARTY_REFERENCE.name(), "PF-CASE-7781"));
    runDueJobs(key);
    assertThat(pi).isWaitingAt(MITIGATE_IMPACT);
    assertThat(pi).variables().containsEntry(THIRD_PARTY_REFERENCE.name(), "PF-CASE-7781");

    complete(key, MITIGATE_IMPACT, Map.of(MITIGATION_SUMMARY.name(), "Routed card payments to the backup PSP"));
    runDueJobs(key);
    complete(key, RESOLVE_INCIDENT, Map.of(RESOLUTION_SUMMARY.name(), "PayFast fixed their gateway"));

    assertThat(pi).hasPassedInOrder(INVESTIGATE_INCIDENT, THIRD_PARTY_INVOLVED, CONTACT_THIRD_PARTY, MITIGATE_IMPACT,
        RESOLVE_INCIDENT, INCIDENT_RESOLVED).isEnded();
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(State.RESOLVED);
    assertThat(timelineTexts(key)).contains("Phase: mitigated: Routed card payments to the backup PSP",
        "Phase: resolved: PayFast fixed their gateway");
  }

  @Test
  void alertResolvedSuggestsResolutionInTheIncidentChannelButNeverResolves() {
    ProcessInstance pi = startRemediation("Checkout fails", true);
    String key = pi.getBusinessKey();
    String channel = channelOf(key);

    complete(key, INVESTIGATE_INCIDENT, Map.of(FINDINGS.name(), "Release 42 broke the payment client",
        RemediationProcess.THIRD_PARTY_INVOLVED.name(), false));
    engine.getRuntimeService().createMessageCorrelation(RemediationProcess.MSG_ALERT_RESOLVED)
        .processInstanceBusinessKey(key)
        .correlate();

    assertThat(pi).isWaitingAt(RemediationProcess.Elements.UPDATE_TOPIC_CAUSE_IDENTIFIED, SUGGEST_RESOLUTION);
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(ALERT_RESOLVED, SUGGEST_RESOLUTION, RESOLUTION_SUGGESTED);
    assertThat(chat.calls("post")).extracting(Call::action).containsExactly("post");
    // The topic shows the new phase.
    assertThat(chat.calls("topic")).extracting(Call::channel, Call::detail)
        .singleElement().satisfies(t -> assertThat(t.toList()).containsExactly(channel, "SEV2 · cause identified · IC: being assigned"));
    Call suggestion = chat.posts(channel).get(0);
    assertThat(suggestion.incidentKey()).isEqualTo(key);
    assertThat(suggestion.detail()).contains("The alert behind *" + key + "* has resolved",
        "can confirm resolution in Tasklist", "/camunda/app/tasklist/|Resolve incident>");

    // A suggestion only: the incident is still being mitigated, nothing was resolved.
    assertThat(pi).isWaitingAt(MITIGATE_IMPACT).hasNotPassed(RESOLVE_INCIDENT);
    Incident stillOpen = incidents.find(key).orElseThrow();
    assertThat(stillOpen.state()).isEqualTo(State.OPEN);
    assertThat(stillOpen.phase()).isEqualTo(Phase.CAUSE_IDENTIFIED);
    assertThat(stillOpen.resolvedAt()).isNull();

    complete(key, MITIGATE_IMPACT, Map.of(MITIGATION_SUMMARY.name(), "Rolled back to release 41"));
    runDueJobs(key);
    assertThat(pi).isWaitingAt(RESOLVE_INCIDENT);
    complete(key, RESOLVE_INCIDENT, Map.of(RESOLUTION_SUMMARY.name(), "Confirmed by the IC"));
    assertThat(pi).isEnded();
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(State.RESOLVED);
  }

  @Test
  void alertResolvedWithoutIncidentChannelIsNotedOnTheTimelineInsteadOfPosted() {
    ProcessInstance pi = startRemediation("Checkout fails", false);
    String key = pi.getBusinessKey();

    engine.getRuntimeService().createMessageCorrelation(RemediationProcess.MSG_ALERT_RESOLVED)
        .processInstanceBusinessKey(key)
        .correlate();
    runDueJobs(key);

    assertThat(pi).hasPassed(SUGGEST_RESOLUTION, RESOLUTION_SUGGESTED).isWaitingAt(INVESTIGATE_INCIDENT);
    assertThat(chat.calls).isEmpty();
    assertThat(incidents.timeline(key)).anySatisfy(entry -> {
      assertThat(entry.kind()).isEqualTo("SKIPPED");
      assertThat(entry.text()).isEqualTo("No incident channel to post 'alert-resolved' to");
    });
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(State.OPEN);
  }
}
