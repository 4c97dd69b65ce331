package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.CommunicationProcess;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentDeclaration;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentService;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.RemediationProcess;
import io.firebreak.incident.ResponseTimes;
import io.firebreak.incident.TimelineKind;
import io.firebreak.incident.TriageProcess;
import io.firebreak.oncall.EscalationProcess;
import io.firebreak.platform.FirebreakGroups;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The postmortem of a scripted incident, run through the real processes on the engine clock:
 * declared 09:00, acknowledged 09:04, triaged 09:10, customer statement 09:12, status update 09:16,
 * severity change 09:20, mitigated 09:52, resolved 10:30; then written and reviewed. The timeline
 * and durations are computed from that history, and the Markdown is checked section by section.
 */
class PostmortemDocumentTest extends ProcessTest {

  private static final LocalDateTime START = LocalDateTime.of(2026, 3, 4, 9, 0);
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @Autowired IncidentService incidentService;
  @Autowired PostmortemDocument document;

  private static Date date(LocalDateTime time) {
    return Date.from(time.atZone(ZoneId.systemDefault()).toInstant());
  }

  /** How the document writes a local test time: UTC, to the minute. */
  private static String utc(LocalDateTime time) {
    return UTC.format(time.atZone(ZoneId.systemDefault()).toInstant()) + " UTC";
  }

  private void at(int hour, int minute) {
    ClockUtil.setCurrentTime(date(START.withHour(hour).withMinute(minute)));
  }

  /** The Markdown split into its "## " sections, by heading; the part before the first is under "". */
  private static Map<String, String> sections(String markdown) {
    Map<String, String> sections = new LinkedHashMap<>();
    String heading = "";
    StringBuilder body = new StringBuilder();
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("## ")) {
        sections.put(heading, body.toString().strip());
        heading = line.substring(3);
        body.setLength(0);
      } else {
        body.append(line).append('\n');
      }
    }
    sections.put(heading, body.toString().strip());
    return sections;
  }

  @Test
  void scriptedIncidentGivesTheTimelineDurationsAndEverySectionOfThePostmortem() {
    TestUsers.ensure(engine.getIdentityService(), "pat.author", "pat@example.com", FirebreakGroups.INCIDENT_COMMANDERS);
    TestUsers.ensure(engine.getIdentityService(), "olly.oncall", "olly@example.com", FirebreakGroups.RESPONDERS);
    // Triage accepts only Firebreak users for the roles (RecordTriage).
    users("ian.ic", "cara.comms", "sid.scribe", "liam.liaison");
    at(9, 0);
    Incident declared = incidentService.declare(new IncidentDeclaration("Checkout <fails> | *EU*", "Card payments fail",
        "checkout", "outage", "SEV1", true, "support.sam", "api", null));
    String key = declared.key();
    runDueJobs(key);

    at(9, 4);
    Task page = task(key, EscalationProcess.Elements.ACKNOWLEDGE_PAGE);
    engine.getTaskService().setAssignee(page.getId(), "olly.oncall");
    engine.getTaskService().complete(page.getId());

    at(9, 10);
    Task triage = task(key, TriageProcess.Elements.TRIAGE_INCIDENT);
    engine.getTaskService().setAssignee(triage.getId(), "ian.ic");
    VariableMap form = Variables.createVariables();
    TriageProcess.CONFIRMED_SEVERITY.put(form, "SEV1");
    IncidentVariables.INCIDENT_TYPE.put(form, "outage");
    IncidentVariables.CUSTOMER_IMPACT.put(form, true);
    IncidentVariables.COMMS_LEAD.put(form, "cara.comms");
    IncidentVariables.SCRIBE.put(form, "sid.scribe");
    IncidentVariables.CUSTOMER_LIAISON.put(form, "liam.liaison");
    engine.getTaskService().complete(triage.getId(), form);
    runDueJobs(key);

    at(9, 12);
    // As in Tasklist: the customer liaison publishes it, logged in.
    engine.getIdentityService().setAuthentication("liam.liaison", List.of(FirebreakGroups.COMMUNICATIONS));
    try {
      complete(key, IncidentProcess.Elements.PUBLISH_CUSTOMER_STATEMENT,
          Map.of(IncidentProcess.CUSTOMER_STATEMENT.name(), "Some card payments fail.\n# We are on it"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    runDueJobs(key);

    at(9, 15);
    runDueJobs(key);
    at(9, 16);
    complete(key, IncidentProcess.Elements.POST_STATUS_UPDATE, Map.of(CommunicationProcess.UPDATE_TEXT.name(),
        "Rolling back release 42", CommunicationProcess.WHAT_CHANGED.name(), "Rollback started"));
    runDueJobs(key);

    at(9, 20);
    incidentService.changeSeverity(key, "SEV2", "Only EU card payments affected", "ian.ic");
    runDueJobs(key);

    at(9, 25);
    complete(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT, Map.of(
        RemediationProcess.FINDINGS.name(), "Payment client has no retries", RemediationProcess.THIRD_PARTY_INVOLVED.name(), false));
    runDueJobs(key); // the channel topic step before mitigation
    at(9, 52);
    complete(key, RemediationProcess.Elements.MITIGATE_IMPACT,
        Map.of(RemediationProcess.MITIGATION_SUMMARY.name(), "Traffic moved to the US gateway"));
    runDueJobs(key);
    at(10, 30);
    complete(key, RemediationProcess.Elements.RESOLVE_INCIDENT,
        Map.of(IncidentVariables.RESOLUTION_SUMMARY.name(), "Release 41 restored"));
    runDueJobs(key);

    // Durations from history.
    ResponseTimes times = ResponseTimes.of(incidents.find(key).orElseThrow(), incidents.timeline(key));
    assertThat(times.timeToAcknowledge()).isEqualTo(Duration.ofMinutes(4));
    assertThat(times.timeToMitigate()).isEqualTo(Duration.ofMinutes(52));
    assertThat(times.timeToResolve()).isEqualTo(Duration.ofMinutes(90));

    // The postmortem: author, sections, review.
    at(11, 0);
    complete(key, PostmortemProcess.Elements.CHOOSE_AUTHOR, Map.of(PostmortemProcess.AUTHOR.name(), "pat.author"));
    at(14, 0);
    VariableMap draft = Variables.createVariables();
    PostmortemProcess.CAUSE.put(draft, "The deploy pipeline allowed a client _without_ retries.\n# Not a heading\n<script>x</script> [link](http://evil)");
    PostmortemProcess.IMPACT.put(draft, "12% of EU checkouts failed for 90 minutes");
    PostmortemProcess.STEPS_TAKEN.put(draft, "1. Rolled back\n- Moved traffic");
    PostmortemProcess.PREVENTION.put(draft, "Canary payments | block rollout on errors");
    PostmortemProcess.ACTION_ITEMS.put(draft, "Add retries to the payment client | pat.author | 2026-03-06 | prevent\n"
        + "Split the payment service | pat.author | 2026-06-30");
    // As in Tasklist: the author completes it, with authorization checks on.
    engine.getIdentityService().setAuthentication("pat.author", List.of(FirebreakGroups.INCIDENT_COMMANDERS));
    try {
      complete(key, PostmortemProcess.Elements.WRITE_POSTMORTEM, draft);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    assertThat((String) engine.getTaskService().getVariable(task(key, PostmortemProcess.Elements.REVIEW_POSTMORTEM).getId(),
        PostmortemProcess.MARKDOWN.name())).contains("| Time to resolve | 1 h 30 min |", "CUSTOMER\\_STATEMENT",
        "\\# Not a heading");
    at(15, 0);
    complete(key, PostmortemProcess.Elements.REVIEW_POSTMORTEM, Map.of(PostmortemProcess.APPROVED.name(), true,
        PostmortemProcess.REVIEW_COMMENTS.name(), "Good *finding*"));
    runDueJobs(key);
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(Incident.State.CLOSED);

    // Delivery notes as an installation without Slack and email writes them (the test ports deliver).
    incidents.addTimeline(key, TimelineKind.NOT_CONFIGURED, "slack", "Slack not configured: not posted to #incidents");
    incidents.addTimeline(key, TimelineKind.NOT_CONFIGURED, "slack", "Slack not configured: channel not archived");
    incidents.addTimeline(key, TimelineKind.SKIPPED, "email", "No email address for pat.author");
    String markdown = document.render(key);
    Map<String, String> s = sections(markdown);
    assertThat(s.keySet()).containsExactly("", "Summary", "Roles", "Response times", "Timeline", "Customer statements",
        "Cause and contributing factors", "Impact", "Steps taken", "Prevention", "Action items", "Review");

    assertThat(s.get("")).startsWith("# Postmortem " + key + ": Checkout \\<fails\\> \\| \\*EU\\*\n")
        .contains("| Severity | SEV2 |", "| Type | outage |", "| Service | checkout |", "| Status | closed |",
            "| Declared | " + utc(START) + " by support.sam via api |",
            "| Resolved | " + utc(START.withHour(10).withMinute(30)) + " |", "| Customers affected | yes |",
            "| Postmortem author | pat.author |", "blameless");
    assertThat(s.get("Summary")).isEqualTo("Card payments fail\n\n**Resolution:** Release 41 restored");
    assertThat(s.get("Roles")).isEqualTo("""
        - Incident commander: ian.ic
        - Communications lead: cara.comms
        - Scribe: sid.scribe
        - Customer liaison: liam.liaison
        - Reporter: support.sam""");
    assertThat(s.get("Response times")).contains(
        "| Time to acknowledge | 4 min | " + utc(START.withMinute(4)) + " |",
        "| Time to mitigate | 52 min | " + utc(START.withMinute(52)) + " |",
        "| Time to resolve | 1 h 30 min | " + utc(START.withHour(10).withMinute(30)) + " |");

    // Every declaration, page, acknowledgement, statement, update, severity change, mitigation and resolution, in order.
    // Kinds are read generically, so kinds other capabilities add (paging, intake) appear too; their
    // wording is theirs, so only time, kind and actor are checked for those.
    List<String> rows = s.get("Timeline").lines().filter(l -> l.startsWith("| 2")).toList();
    assertThat(rows).extracting(r -> r.substring(0, r.indexOf(" | ", r.indexOf(" | ", r.indexOf(" | ") + 3) + 3) + 3))
        .containsSubsequence(
            "| " + utc(START) + " | DECLARED | support.sam | ",
            "| " + utc(START) + " | PAGED | firebreak | ",
            "| " + utc(START.withMinute(4)) + " | ACKNOWLEDGED | olly.oncall | ",
            "| " + utc(START.withMinute(10)) + " | TRIAGED | ian.ic | ",
            "| " + utc(START.withMinute(12)) + " | CUSTOMER\\_STATEMENT | liam.liaison | ",
            "| " + utc(START.withMinute(16)) + " | STATUS\\_UPDATE | cara.comms | ",
            "| " + utc(START.withMinute(20)) + " | SEVERITY\\_CHANGED | ian.ic | ",
            "| " + utc(START.withMinute(52)) + " | PHASE\\_MITIGATED | firebreak | ",
            "| " + utc(START.withHour(10).withMinute(30)) + " | PHASE\\_RESOLVED | firebreak | ",
            "| " + utc(START.withHour(15)) + " | ACTION\\_ITEMS | firebreak | ");
    assertThat(rows).contains(
        "| " + utc(START) + " | DECLARED | support.sam | Incident declared via api: Checkout \\<fails\\> \\| \\*EU\\* |",
        "| " + utc(START.withMinute(12)) + " | CUSTOMER\\_STATEMENT | liam.liaison | Some card payments fail. \\# We are on it |",
        "| " + utc(START.withMinute(16)) + " | STATUS\\_UPDATE | cara.comms | Rolling back release 42 (changed: Rollback started) |",
        "| " + utc(START.withMinute(52)) + " | PHASE\\_MITIGATED | firebreak | Phase: mitigated: Traffic moved to the US gateway |",
        "| " + utc(START.withHour(10).withMinute(30)) + " | PHASE\\_RESOLVED | firebreak | Phase: resolved: Release 41 restored |");
    // Each published update and statement once; delivery notes folded into one line below the table.
    assertThat(rows).filteredOn(r -> r.contains("Rolling back release 42")).hasSize(1);
    assertThat(rows).filteredOn(r -> r.contains("NOT\\_CONFIGURED") || r.contains("SKIPPED")).isEmpty();
    assertThat(s.get("Timeline")).containsPattern("_Deliveries skipped \\(not configured or nobody to reach\\): email 1, slack \\d+; "
        + "the incident's timeline lists each\\._").doesNotContain("not posted to #incidents");
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("STATUS_UPDATE")).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("cara.comms"));
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("CUSTOMER_STATEMENT")).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("liam.liaison"));
    assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("| " + utc(START.withMinute(20)) + " | SEVERITY\\_CHANGED")
        .contains("SEV2"));

    assertThat(s.get("Customer statements")).isEqualTo("**" + utc(START.withMinute(12)) + "**\n\nSome card payments fail.\n\\# We are on it");
    // User text cannot make headings, HTML, links or emphasis.
    assertThat(s.get("Cause and contributing factors")).isEqualTo(
        "The deploy pipeline allowed a client \\_without\\_ retries.\n\\# Not a heading\n\\<script\\>x\\</script\\> \\[link\\](http://evil)");
    assertThat(s.get("Impact")).isEqualTo("12% of EU checkouts failed for 90 minutes");
    assertThat(s.get("Steps taken")).isEqualTo("1\\. Rolled back\n\\- Moved traffic");
    assertThat(s.get("Prevention")).isEqualTo("Canary payments \\| block rollout on errors");
    assertThat(s.get("Action items")).isEqualTo("""
        | Action | Owner | Kind | Due | Plan | Status |
        |---|---|---|---|---|---|
        | Add retries to the payment client | pat.author | prevent | 2026-03-06 | task | open |
        | Split the payment service | pat.author | other | 2026-06-30 | planning backlog | open |""");
    assertThat(s.get("Review")).startsWith("Approved by engineering leadership.\n\nGood \\*finding\\*\n\n---\nGenerated by Firebreak at ")
        .endsWith("Latest version: http://localhost:8080/api/incidents/" + key + "/postmortem.md");
  }

  @Test
  void aDocumentTooLongForAFormFieldIsCutWithThePointerOfItsTemplate() {
    String key = "INC-77";
    String cut = document.forVariable("x".repeat(5000), key);
    assertThat(cut).hasSize(PostmortemDocument.VARIABLE_LIMIT)
        .endsWith("… (cut here; the whole postmortem is at " + document.url(key) + ")\n");
    assertThat(document.forVariable("short", key)).isEqualTo("short");
  }

  @Test
  void aStatusUpdateFromSlackIsOneTimelineLineWithWhoWroteIt() {
    at(9, 0);
    String key = incidentService.declare(new IncidentDeclaration("Search slow", "p95 over 2 s", "search", "degradation",
        "SEV2", false, "support.sam", "slack", null)).key();
    runDueJobs(key);
    at(9, 5);
    // Slack /incident update with no update due: IncidentService writes STATUS_UPDATE with its author
    // to the timeline and publishes it through incident-communication.
    incidentService.postStatusUpdate(key, "Index <rebuild> started", "cara.comms");
    runDueJobs(key);

    List<String> rows = sections(document.render(key)).get("Timeline").lines()
        .filter(l -> l.contains("Index \\<rebuild\\> started")).toList();
    assertThat(rows).containsExactly("| " + utc(START.withMinute(5)) + " | STATUS\\_UPDATE | cara.comms | Index \\<rebuild\\> started |");
  }
}
