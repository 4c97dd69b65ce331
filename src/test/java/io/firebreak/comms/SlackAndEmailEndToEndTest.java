package io.firebreak.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.firebreak.Http;
import io.firebreak.comms.FakeSlack.Request;
import io.firebreak.incident.TimelineEntry;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Declares a SEV1 with a hostile title through {@code POST /api/incidents} and follows it through
 * declaration and triage: the exact Slack Web API calls the real client made against the fake, and
 * the emails GreenMail received, with user text escaped for Slack mrkdwn and HTML.
 */
class SlackAndEmailEndToEndTest extends RealPeersTest {

  static final String TITLE = "<script>alert(1)</script> *bold* <!channel> & co";

  @Test
  void aSev1DeclaredThroughTheApiOpensAnnouncesEmailsPagesInvitesAndKeepsTheTopicCurrent() throws Exception {
    String key = declare(TITLE, "outage", "SEV1");
    runDueJobs(key);

    String name = key.toLowerCase() + "-script-alert-1-script-bold-channel-co";
    FakeSlack.Channel channel = SLACK.channel(name);
    assertThat(channel).as("incident channel").isNotNull();
    assertThat(channel.isPrivate()).isFalse();
    assertThat(incidents.channelId(key)).hasValue(channel.id());
    assertThat(incidents.find(key).orElseThrow().channelName()).isEqualTo(name);
    String oliveSlackId = SLACK.addUser(ON_CALL_EMAIL);

    List<Request> calls = SLACK.handled().stream().filter(r -> !r.method().equals("auth.test")).toList();
    assertThat(calls).extracting(Request::method).containsExactly(
        "conversations.create", "conversations.setTopic", "chat.postMessage",
        "users.lookupByEmail", "conversations.open", "chat.postMessage");
    assertThat(calls.get(0).params()).containsEntry("name", name).containsEntry("is_private", "0");
    assertThat(calls.get(1).params()).containsEntry("channel", channel.id())
        .containsEntry("topic", "SEV1 · declared · IC: being assigned");

    // The declaration in the broadcast channel: escaped user text, a link to the incident channel,
    // Block Kit sections with the same text as notification fallback.
    Request announcement = calls.get(2);
    assertThat(announcement.param("channel")).isEqualTo(BROADCAST);
    assertThat(announcement.param("text"))
        .startsWith(":rotating_light: *" + key + " declared: &lt;script&gt;alert(1)&lt;/script&gt; *bold* &lt;!channel&gt; &amp; co*")
        .contains("<#" + channel.id() + ">")
        .doesNotContain("<!channel>", "<script>");
    var blocks = new com.fasterxml.jackson.databind.ObjectMapper().readTree(announcement.param("blocks"));
    assertThat(blocks).isNotEmpty().allSatisfy(block -> {
      assertThat(block.get("type").asText()).isEqualTo("section");
      assertThat(block.get("text").get("type").asText()).isEqualTo("mrkdwn");
    });
    assertThat(blocks.get(0).get("text").get("text").asText()).contains("&lt;!channel&gt;").doesNotContain("<!channel>");

    // The page: a DM to the member of the on-call group found by email, escaped too.
    assertThat(calls.get(3).params()).containsEntry("email", ON_CALL_EMAIL);
    assertThat(calls.get(4).params()).containsEntry("users", oliveSlackId);
    assertThat(calls.get(5).param("channel")).isEqualTo("D" + oliveSlackId);
    assertThat(calls.get(5).param("text")).startsWith("Firebreak page: " + key + " SEV1 &lt;script&gt;")
        .doesNotContain("<!channel>");

    // Emails: the initial one to the distribution list, the page to the on-call person.
    MIME_WAIT.await(2);
    MimeMessage[] received = MAIL.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage initial = Arrays.stream(received).filter(m -> to(m).equals(List.of("incidents@example.com")))
        .findFirst().orElseThrow();
    assertThat(initial.getSubject()).isEqualTo("[" + key + "][SEV1] " + TITLE);
    assertThat(((InternetAddress) initial.getFrom()[0]).getAddress()).isEqualTo("firebreak@example.com");
    Map<String, String> parts = parts(initial);
    assertThat(parts).containsOnlyKeys("text/plain", "text/html");
    // The six facts: what, severity, how far along, who manages, where, who else and in what role.
    assertThat(parts.get("text/plain")).contains("What:        " + TITLE, "Severity:    SEV1",
        "Progress:    declared", "Managed by:", "Coordinate:  Slack #" + name, "Involved:    Reporter: admin");
    assertThat(parts.get("text/html")).contains("&lt;script&gt;alert(1)&lt;/script&gt; *bold* &lt;!channel&gt; &amp; co")
        .doesNotContain("<script>");
    MimeMessage page = Arrays.stream(received).filter(m -> to(m).equals(List.of(ON_CALL_EMAIL))).findFirst().orElseThrow();
    assertThat(page.getSubject()).isEqualTo("[" + key + "][SEV1] Page: " + TITLE);
    assertThat(parts(page).get("text/html")).contains("&lt;script&gt;").doesNotContain("<script>");

    // Triage (in Tasklist, through the Camunda REST API): Olive is communications lead. She is
    // invited by her Slack id; admin, without an email address, is named in the timeline instead.
    // Whoever acknowledges is invited at once (incident-escalation): here admin, who has no email
    // address, so Slack is not asked and the timeline names them.
    SLACK.clearRequests();
    complete(key, "Task_AcknowledgePage", Map.of());
    runDueJobs(key);
    assertThat(SLACK.handled().stream().filter(r -> !r.method().equals("auth.test")).toList()).isEmpty();
    assertThat(incidents.timeline(key)).extracting(TimelineEntry::text)
        .contains("Not invited to the incident channel (no email address in Firebreak): admin");
    complete(key, "Task_TriageIncident", Map.of("confirmedSeverity", "SEV1", "incidentType", "outage",
        "customerImpact", true, "commsLead", ON_CALL));
    runDueJobs(key);
    assertThat(SLACK.handled().stream().filter(r -> !r.method().equals("auth.test")).toList())
        .extracting(Request::method, r -> r.param("channel"))
        .containsExactly(tuple("users.lookupByEmail", null), tuple("conversations.invite", channel.id()),
            tuple("conversations.setTopic", channel.id()));
    assertThat(SLACK.handled("conversations.invite").get(0).param("users")).isEqualTo(oliveSlackId);
    assertThat(SLACK.handled("conversations.setTopic").get(0).param("topic")).isEqualTo("SEV1 · triaged · IC: admin");
    List<String> timeline = incidents.timeline(key).stream().map(TimelineEntry::text).toList();
    assertThat(timeline).contains("Not invited to the incident channel (no email address in Firebreak): admin");

    // A customer statement: topic, the incident channel (by id), the broadcast (SEV1), follow-up email.
    SLACK.clearRequests();
    MAIL.purgeEmailFromAllMailboxes();
    complete(key, "Task_PublishCustomerStatement", Map.of("customerStatement", "Payments <b>fail</b> for <!here>"));
    runDueJobs(key);
    List<Request> update = SLACK.handled().stream().filter(r -> !r.method().equals("auth.test")).toList();
    assertThat(update).extracting(Request::method, r -> r.param("channel")).containsExactly(
        tuple("conversations.setTopic", channel.id()), tuple("chat.postMessage", channel.id()),
        tuple("chat.postMessage", BROADCAST));
    assertThat(update.get(1).param("text")).contains("Payments &lt;b&gt;fail&lt;/b&gt; for &lt;!here&gt;")
        .doesNotContain("<!here>");
    MAIL.waitForIncomingEmail(5000, 1);
    assertThat(MAIL.getReceivedMessages()).singleElement().satisfies(m -> {
      assertThat(m.getSubject()).startsWith("[" + key + "][SEV1]");
      assertThat(parts(m).get("text/html")).contains("Payments &lt;b&gt;fail&lt;/b&gt;").doesNotContain("<b>fail");
    });

    // Slack and SMTP are configured: no step says "not configured".
    // (The status page has no adapter here yet and still says so.)
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("NOT_CONFIGURED"))
        .extracting(TimelineEntry::actor).doesNotContain("slack", "email", "paging");
  }

  /** GreenMail delivers asynchronously to its store. */
  private static final Waiter MIME_WAIT = count -> MAIL.waitForIncomingEmail(5000, count);

  interface Waiter {
    boolean await(int count);
  }

  private void complete(String key, String taskKey, Map<String, Object> variables) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey(taskKey)
        .singleResult();
    assertThat(task).as(taskKey).isNotNull();
    Map<String, Object> body = Map.of("variables", variables.entrySet().stream().collect(
        java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Map.of("value", e.getValue()))));
    Http.Response done = admin.postJson("/engine-rest/task/" + task.getId() + "/complete", body);
    assertThat(done.status()).as(done.body()).isEqualTo(204);
  }

  static List<String> to(MimeMessage message) {
    try {
      return Arrays.stream(message.getRecipients(RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress()).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Content type (without parameters) → text of a multipart/alternative message. */
  static Map<String, String> parts(MimeMessage message) throws Exception {
    Object content = message.getContent();
    MimeMultipart multipart = (MimeMultipart) content;
    Map<String, String> parts = new java.util.LinkedHashMap<>();
    collect(multipart, parts);
    return parts;
  }

  private static void collect(MimeMultipart multipart, Map<String, String> parts) throws Exception {
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (part.getContent() instanceof MimeMultipart nested) {
        collect(nested, parts);
      } else {
        parts.put(part.getContentType().split(";")[0].strip().toLowerCase(), part.getContent().toString());
      }
    }
  }
}
