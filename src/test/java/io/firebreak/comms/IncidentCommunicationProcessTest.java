package io.firebreak.comms;

import static io.firebreak.comms.CommunicationProcess.Elements.BROADCAST_NEEDED;
import static io.firebreak.comms.CommunicationProcess.Elements.POST_UPDATE_TO_BROADCAST;
import static io.firebreak.comms.CommunicationProcess.Elements.POST_UPDATE_TO_CHANNEL;
import static io.firebreak.comms.CommunicationProcess.Elements.SEND_FOLLOW_UP_EMAIL;
import static io.firebreak.comms.CommunicationProcess.Elements.STATUS_PAGE_NEEDED;
import static io.firebreak.comms.CommunicationProcess.Elements.UPDATE_PUBLISHED;
import static io.firebreak.comms.CommunicationProcess.Elements.UPDATE_CHANNEL_TOPIC;
import static io.firebreak.comms.CommunicationProcess.Elements.UPDATE_STATUS_PAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.MailPort.Mail;
import io.firebreak.comms.RecordingChat.Call;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.TestIncidents;
import io.firebreak.statuspage.RecordingStatusPage;
import io.firebreak.statuspage.RecordingStatusPage.Published;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * {@code processes/incident-communication.bpmn}, started the way the incident's call activities
 * start it: every variable of the incident, plus {@code updateTemplate}, {@code updateText},
 * {@code whatChanged} and {@code broadcastUpdate} for this one update.
 */
class IncidentCommunicationProcessTest extends ProcessTest {

  private static final String BROADCAST_CHANNEL = "incidents";
  private static final String DISTRIBUTION_LIST = "incidents@example.com";

  /** One update; the plan's {@code statusPageRequired} is SEV1/SEV2's (response-plan DMN). */
  private record Update(String title, String severity, boolean customerImpact, String template, String text,
      String whatChanged, boolean broadcast) {}

  private ProcessInstance publish(Update update) {
    return publish(update, Map.of());
  }

  /** {@code incidentVariables}: what else the incident holds that this update's templates use. */
  private ProcessInstance publish(Update update, Map<String, Object> incidentVariables) {
    Map<String, Object> vars = TestIncidents.fullResponse(incidents, update.title(), "outage", update.severity(),
        update.customerImpact());
    String key = IncidentVariables.INCIDENT_KEY.from(vars);
    incidents.updateChannel(key, channelOf(key), null);
    boolean sev1or2 = update.severity().equals("SEV1") || update.severity().equals("SEV2");
    vars.put(IncidentVariables.STATUS_PAGE_REQUIRED.name(), sev1or2);
    vars.put(IncidentVariables.CHANNEL_NAME.name(), channelOf(key));
    vars.put(CommunicationProcess.UPDATE_TEMPLATE.name(), update.template());
    vars.put(CommunicationProcess.UPDATE_TEXT.name(), update.text());
    vars.put(CommunicationProcess.WHAT_CHANGED.name(), update.whatChanged());
    vars.put(CommunicationProcess.BROADCAST_UPDATE.name(), update.broadcast());
    vars.putAll(incidentVariables);
    return engine.getRuntimeService().startProcessInstanceByKey(CommunicationProcess.KEY, key, vars);
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static String channelOf(String key) {
    return key.toLowerCase() + "-comms";
  }

  @Test
  void lowSeverityStatusUpdateGoesToTheChannelAndByEmailOnly() {
    ProcessInstance pi = publish(new Update("Search <slow> & flaky", "SEV3", false, "status-update",
        "Rolled back <v2> & watching", "Error rate *down* to 1%", false));
    String key = pi.getBusinessKey();

    // Every outside call is its own async step: nothing is sent in the caller's transaction.
    assertThat(pi).isWaitingAt(UPDATE_CHANNEL_TOPIC);
    assertThat(chat.calls).isEmpty();
    runDueJobs(key);
    // The topic shows where the incident stands before the update is posted.
    assertThat(chat.calls("topic")).extracting(Call::channel, Call::detail)
        .containsExactly(tuple(channelOf(key), "SEV3 · declared · IC: being assigned"));

    assertThat(pi).hasPassedInOrder(POST_UPDATE_TO_CHANNEL, BROADCAST_NEEDED, SEND_FOLLOW_UP_EMAIL, STATUS_PAGE_NEEDED,
        UPDATE_PUBLISHED).isEnded();
    assertThat(pi).hasNotPassed(POST_UPDATE_TO_BROADCAST, UPDATE_STATUS_PAGE);

    assertThat(chat.calls("post")).extracting(Call::action, Call::channel).containsExactly(tuple("post", channelOf(key)));
    String post = chat.calls("post").get(0).detail();
    assertThat(post).startsWith(":memo: *" + key + " status update* (SEV3, declared)")
        .contains("Rolled back &lt;v2&gt; &amp; watching", "*What changed:* Error rate *down* to 1%")
        .doesNotContain("<v2>");

    assertThat(mail.to(key)).hasSize(1);
    Mail email = mail.to(key).get(0);
    assertThat(email.to()).containsExactly(DISTRIBUTION_LIST);
    assertThat(email.subject()).isEqualTo("[" + key + "][SEV3] Update: Search <slow> & flaky");
    assertThat(email.text()).contains("Status update on " + key + ".", "Rolled back <v2> & watching",
        "What changed: Error rate *down* to 1%", "Severity:    SEV3", "Coordinate:  Slack #" + channelOf(key));
    assertThat(email.html()).contains("Rolled back &lt;v2&gt; &amp; watching", "Search &lt;slow&gt; &amp; flaky")
        .contains("<p><strong>What changed:</strong> Error rate *down* to 1%</p>").doesNotContain("<v2>", "<slow>");
    assertThat(count(email.html(), "</p>")).as("closed paragraphs").isEqualTo(count(email.html(), "<p>"));

    assertThat(statusPage.of(key)).isEmpty();
  }

  /** The plan's outputs decide: broadcast = false keeps even a SEV1 resolution out of the broadcast channel. */
  @Test
  void aPlanWithoutBroadcastKeepsUpdatesOutOfTheBroadcastChannelAndConfidentialLeavesDetailsOut() {
    ProcessInstance pi = publish(new Update("Leaked keys", "SEV1", true, "incident-resolved", "Keys rotated", null, true),
        Map.of(IncidentVariables.BROADCAST.name(), false, IncidentVariables.CONFIDENTIAL.name(), true,
            IncidentVariables.STATUS_PAGE_REQUIRED.name(), false));
    String key = pi.getBusinessKey();
    runDueJobs(key);

    assertThat(pi).hasPassed(BROADCAST_NEEDED).hasNotPassed(POST_UPDATE_TO_BROADCAST, UPDATE_STATUS_PAGE).isEnded();
    assertThat(chat.posts(BROADCAST_CHANNEL)).isEmpty();
    assertThat(statusPage.of(key)).isEmpty();
    assertThat(mail.to(key).get(0).text()).doesNotContain("a description");
  }

  @Test
  void highSeverityUpdateIsBroadcastAndPublishedOnTheStatusPageWhenCustomersAreAffected() {
    ProcessInstance pi = publish(new Update("Checkout down", "SEV1", true, "status-update",
        "Payments provider failing over", null, false));
    String key = pi.getBusinessKey();
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(POST_UPDATE_TO_CHANNEL, BROADCAST_NEEDED, POST_UPDATE_TO_BROADCAST,
        SEND_FOLLOW_UP_EMAIL, STATUS_PAGE_NEEDED, UPDATE_STATUS_PAGE, UPDATE_PUBLISHED).isEnded();

    assertThat(chat.calls("post")).extracting(Call::action, Call::channel)
        .containsExactly(tuple("post", channelOf(key)), tuple("post", BROADCAST_CHANNEL));
    assertThat(chat.posts(BROADCAST_CHANNEL).get(0).detail())
        .startsWith(":memo: *" + key + " status update* (SEV1, declared)")
        .contains("Payments provider failing over").doesNotContain("What changed");

    assertThat(mail.to(key)).extracting(Mail::subject).containsExactly("[" + key + "][SEV1] Update: Checkout down");
    assertThat(mail.to(key).get(0).text()).doesNotContain("What changed");
    String html = mail.to(key).get(0).html();
    assertThat(html).startsWith("<p>Status update on " + key + ".</p>\n<p>Payments provider failing over</p>\n")
        .doesNotContain("What changed");
    assertThat(count(html, "</p>")).as("closed paragraphs in %s", html).isEqualTo(count(html, "<p>"));

    assertThat(statusPage.of(key)).extracting(Published::status, Published::text)
        .containsExactly(tuple("investigating", RecordingStatusPage.HOLDING_TEXT));
  }

  @Test
  void severityChangeBelowSev2IsBroadcastBecauseTheCallerAsksButSkipsTheStatusPageItsPlanLacks() {
    ProcessInstance pi = publish(new Update("Reports delayed", "SEV3", true, "severity-changed",
        "Backlog <growing>", null, true),
        // previousSeverity: set by the incident's Task_RecordSeverityChange (RecordSeverityChange.PREVIOUS_SEVERITY)
        Map.of("previousSeverity", "SEV4", IncidentVariables.SEVERITY_CHANGE_REASON.name(), "Backlog <growing>"));
    String key = pi.getBusinessKey();
    runDueJobs(key);

    assertThat(pi).hasPassed(POST_UPDATE_TO_BROADCAST, SEND_FOLLOW_UP_EMAIL).hasNotPassed(UPDATE_STATUS_PAGE).isEnded();
    assertThat(chat.calls("post")).extracting(Call::channel).containsExactly(channelOf(key), BROADCAST_CHANNEL);
    assertThat(chat.posts(BROADCAST_CHANNEL).get(0).detail())
        .startsWith(":arrows_counterclockwise: *" + key + " severity changed from SEV4 to SEV3*")
        .contains("Reason: Backlog &lt;growing&gt;");
    assertThat(mail.to(key)).extracting(Mail::subject)
        .containsExactly("[" + key + "][SEV3] Severity changed to SEV3: Reports delayed");
    // Customers are affected, but the SEV3 plan has no status page.
    assertThat(statusPage.of(key)).isEmpty();
  }

  @Test
  void customerStatementIsPostedEmailedAndPublishedAsWritten() {
    ProcessInstance pi = publish(new Update("Login failures", "SEV2", true, "customer-statement",
        "Some customers cannot log in. We are on it.", null, false));
    String key = pi.getBusinessKey();
    runDueJobs(key);

    assertThat(pi).hasPassed(POST_UPDATE_TO_BROADCAST, UPDATE_STATUS_PAGE).isEnded();
    assertThat(chat.posts(channelOf(key))).extracting(Call::detail)
        .containsExactly(":loudspeaker: *" + key + " customer statement published*\n"
            + ">Some customers cannot log in. We are on it.");
    assertThat(mail.to(key)).extracting(Mail::subject)
        .containsExactly("[" + key + "][SEV2] Customer statement: Login failures");
    assertThat(statusPage.of(key)).extracting(Published::status, Published::text)
        .containsExactly(tuple("investigating", "Some customers cannot log in. We are on it."));
  }

  @Test
  void resolutionIsAnnouncedEverywhereAndMarksTheStatusPageResolved() {
    ProcessInstance pi = publish(new Update("API timeouts", "SEV2", true, "incident-resolved",
        "Connection pool resized; error rate back to normal.", null, true),
        Map.of(IncidentVariables.RESOLUTION_SUMMARY.name(), "Connection pool resized; error rate back to normal."));
    String key = pi.getBusinessKey();
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(POST_UPDATE_TO_CHANNEL, POST_UPDATE_TO_BROADCAST, SEND_FOLLOW_UP_EMAIL,
        UPDATE_STATUS_PAGE, UPDATE_PUBLISHED).isEnded();
    assertThat(chat.posts(BROADCAST_CHANNEL)).extracting(Call::detail)
        .containsExactly(":white_check_mark: *" + key + " resolved: API timeouts*\n"
            + "Connection pool resized; error rate back to normal.");
    assertThat(mail.to(key)).extracting(Mail::subject).containsExactly("[" + key + "][SEV2] Resolved: API timeouts");
    assertThat(statusPage.of(key)).extracting(Published::status, Published::text)
        .containsExactly(tuple("resolved", "This incident has been resolved. Thank you for your patience."));
  }

  @Test
  void failedChannelPostIsRetriedAndTheUpdateStillGoesOutOnce() {
    chat.failNext(1);
    ProcessInstance pi = publish(new Update("Queue stuck", "SEV3", false, "status-update", "Draining", null, false));
    String key = pi.getBusinessKey();

    try {
      runDueJobs(key);
    } catch (RuntimeException expected) {
      // the scripted Slack failure; the job keeps its remaining retries
    }
    assertThat(pi).isWaitingAt(UPDATE_CHANNEL_TOPIC);
    assertThat(chat.calls).isEmpty();
    assertThat(mail.to(key)).isEmpty();

    advance(Duration.ofSeconds(31));
    runDueJobs(key);

    assertThat(pi).hasPassed(UPDATE_PUBLISHED).isEnded();
    assertThat(chat.calls).extracting(Call::action, Call::channel)
        .containsExactly(tuple("topic", channelOf(key)), tuple("post", channelOf(key)));
    assertThat(mail.to(key)).hasSize(1);
  }
}
