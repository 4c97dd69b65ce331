package io.firebreak.incident;

import static io.firebreak.incident.IncidentProcess.CUSTOMER_STATEMENT;
import static io.firebreak.incident.IncidentProcess.Elements.ANNOUNCE_RESOLUTION;
import static io.firebreak.incident.IncidentProcess.Elements.ANNOUNCE_SEVERITY_CHANGE;
import static io.firebreak.incident.IncidentProcess.Elements.ARCHIVE_CHANNEL;
import static io.firebreak.incident.IncidentProcess.Elements.CLOSE_INCIDENT;
import static io.firebreak.incident.IncidentProcess.Elements.COMMUNICATE_CUSTOMER_STATEMENT;
import static io.firebreak.incident.IncidentProcess.Elements.CONDUCT_POSTMORTEM;
import static io.firebreak.incident.IncidentProcess.Elements.CUSTOMER_STATEMENT_PUBLISHED;
import static io.firebreak.incident.IncidentProcess.Elements.DECLARE_INCIDENT;
import static io.firebreak.incident.IncidentProcess.Elements.ESCALATE_INCIDENT;
import static io.firebreak.incident.IncidentProcess.Elements.ESCALATION_FINISHED;
import static io.firebreak.incident.IncidentProcess.Elements.FULL_RESPONSE_NEEDED;
import static io.firebreak.incident.IncidentProcess.Elements.HANDLE_MINOR_INCIDENT;
import static io.firebreak.incident.IncidentProcess.Elements.INCIDENT_CLOSED;
import static io.firebreak.incident.IncidentProcess.Elements.INCIDENT_RESOLVED;
import static io.firebreak.incident.IncidentProcess.Elements.LEGAL_REMINDED;
import static io.firebreak.incident.IncidentProcess.Elements.NOTIFY_REGULATOR;
import static io.firebreak.incident.IncidentProcess.Elements.NO_CUSTOMER_STATEMENT;
import static io.firebreak.incident.IncidentProcess.Elements.POST_STATUS_UPDATE;
import static io.firebreak.incident.IncidentProcess.Elements.PUBLISH_CUSTOMER_STATEMENT;
import static io.firebreak.incident.IncidentProcess.Elements.PUBLISH_STATUS_UPDATE;
import static io.firebreak.incident.IncidentProcess.Elements.REASSESS_RESPONSE_PLAN;
import static io.firebreak.incident.IncidentProcess.Elements.RECORD_SEVERITY_CHANGE;
import static io.firebreak.incident.IncidentProcess.Elements.REGISTER_INCIDENT;
import static io.firebreak.incident.IncidentProcess.Elements.REGULATOR_REMINDER_DUE;
import static io.firebreak.incident.IncidentProcess.Elements.REMEDIATE_INCIDENT;
import static io.firebreak.incident.IncidentProcess.Elements.REMIND_LEGAL;
import static io.firebreak.incident.IncidentProcess.Elements.RESPOND_TO_INCIDENT;
import static io.firebreak.incident.IncidentProcess.Elements.RESPONSE_COMPLETE;
import static io.firebreak.incident.IncidentProcess.Elements.SEND_CLOSING_EMAIL;
import static io.firebreak.incident.IncidentProcess.Elements.SEVERITY_CHANGED;
import static io.firebreak.incident.IncidentProcess.Elements.SEVERITY_CHANGE_ANNOUNCED;
import static io.firebreak.incident.IncidentProcess.Elements.START_DECLARED;
import static io.firebreak.incident.IncidentProcess.Elements.START_REPORTED;
import static io.firebreak.incident.IncidentProcess.Elements.STATUS_UPDATE_DUE;
import static io.firebreak.incident.IncidentProcess.Elements.TRIAGE_INCIDENT;
import static io.firebreak.incident.IncidentProcess.REGULATOR_REFERENCE;
import static io.firebreak.incident.IncidentVariables.COMMS_LEAD;
import static io.firebreak.incident.IncidentVariables.CUSTOMER_IMPACT;
import static io.firebreak.incident.IncidentVariables.CUSTOMER_LIAISON;
import static io.firebreak.incident.IncidentVariables.ESCALATION_TIMEOUT_MINUTES;
import static io.firebreak.incident.IncidentVariables.FULL_RESPONSE;
import static io.firebreak.incident.IncidentVariables.INCIDENT_KEY;
import static io.firebreak.incident.IncidentVariables.INCIDENT_TYPE;
import static io.firebreak.incident.IncidentVariables.POSTMORTEM_REQUIRED;
import static io.firebreak.incident.IncidentVariables.PROPOSED_SEVERITY;
import static io.firebreak.incident.IncidentVariables.REGULATOR_DEADLINE_HOURS;
import static io.firebreak.incident.IncidentVariables.RESOLUTION_SUMMARY;
import static io.firebreak.incident.IncidentVariables.SCRIBE;
import static io.firebreak.incident.IncidentVariables.SEVERITY;
import static io.firebreak.incident.IncidentVariables.TITLE;
import static io.firebreak.incident.IncidentVariables.UPDATE_INTERVAL_MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.CommunicationProcess;
import io.firebreak.comms.MailPort.Mail;
import io.firebreak.comms.RecordingChat.Call;
import io.firebreak.incident.Incident.Phase;
import io.firebreak.incident.Incident.Roles;
import io.firebreak.incident.Incident.State;
import io.firebreak.oncall.EscalationProcess;
import io.firebreak.platform.FirebreakGroups;
import io.firebreak.postmortem.PostmortemProcess;
import io.firebreak.statuspage.RecordingStatusPage.Published;
import io.firebreak.statuspage.RecordingStatusPage;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code processes/incident.bpmn}: the whole lifecycle, declared through {@link IncidentService}
 * (message start) or reported in Tasklist (none start), with the real phase processes it calls.
 */
class IncidentProcessTest extends ProcessTest {

  private static final String IC = "ian.ic";
  private static final String COMMS = "cara.comms";
  private static final String SCRIBER = "sid.scribe";
  private static final String LIAISON = "liam.liaison";
  private static final String ON_CALL = "olly.oncall";
  private static final String DISTRIBUTION = "incidents@example.com";
  private static final String LEGAL_USER = "lee.legal";
  private static final String LEGAL_EMAIL = "lee.legal@example.com";
  private static final String BROADCAST = "incidents";
  /** When every test's incident is declared (engine clock). */
  private static final LocalDateTime START = LocalDateTime.of(2026, 3, 4, 9, 0);

  @Autowired IncidentService incidentService;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void fixTheClock() {
    ClockUtil.setCurrentTime(date(START));
    users(IC, COMMS, SCRIBER, LIAISON);
  }

  @AfterEach
  void removeLegalUser() {
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(LEGAL_USER).count() > 0) {
      identity.deleteUser(LEGAL_USER);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Paths

  @Test
  void sev1OutageWithCustomerImpactRunsTheFullResponseFromDeclarationToClosure() {
    String key = declare("Checkout <fails> & EU payments", "outage", "SEV1", true);
    ProcessInstance pi = incident(key);
    String channel = key.toLowerCase(java.util.Locale.ROOT) + "-checkout-fails-eu-payments";

    assertThat(pi).hasPassedInOrder(START_DECLARED, REGISTER_INCIDENT, DECLARE_INCIDENT, FULL_RESPONSE_NEEDED)
        .isWaitingAt(TRIAGE_INCIDENT, ESCALATE_INCIDENT, STATUS_UPDATE_DUE, PUBLISH_CUSTOMER_STATEMENT)
        .hasNotPassed(HANDLE_MINOR_INCIDENT, NOTIFY_REGULATOR);
    assertThat(pi).variables().containsEntry(SEVERITY.name(), "SEV1").containsEntry(UPDATE_INTERVAL_MINUTES.name(), 15)
        .containsEntry(REGULATOR_DEADLINE_HOURS.name(), 0);
    assertThat(chat.calls).extracting(Call::action, Call::channel)
        .containsExactly(tuple("open", channel), tuple("topic", channel), tuple("post", BROADCAST));
    assertThat(mail.to(key)).extracting(Mail::subject).singleElement().asString().startsWith("[" + key + "][SEV1]");
    assertThat(paging.targets(key)).containsExactly("responders");

    acknowledgePage(key);
    triage(key, "SEV1", "outage", true);
    Incident triaged = incidents.find(key).orElseThrow();
    assertThat(triaged.roles()).isEqualTo(new Roles(IC, COMMS, SCRIBER, LIAISON));
    assertThat(triaged.phase()).isEqualTo(Phase.INVESTIGATING);
    assertThat(chat.calls).contains(new Call(key, "invite", channel,
        String.join(",", email(IC), email(COMMS), email(SCRIBER), email(LIAISON))));
    assertThat(chat.calls("topic")).last().extracting(Call::detail).isEqualTo("SEV1 · triaged · IC: " + IC);
    assertThat(pi).isWaitingAt(REMEDIATE_INCIDENT, ESCALATE_INCIDENT, STATUS_UPDATE_DUE, PUBLISH_CUSTOMER_STATEMENT);

    // Customers are affected: a statement goes to the channel, the broadcast, email and the status page.
    clearRecordings();
    complete(key, PUBLISH_CUSTOMER_STATEMENT, Map.of(CUSTOMER_STATEMENT.name(), "Some card payments <fail> & we are on it"));
    runDueJobs(key);
    assertThat(pi).hasPassedInOrder(PUBLISH_CUSTOMER_STATEMENT, COMMUNICATE_CUSTOMER_STATEMENT,
        CUSTOMER_STATEMENT_PUBLISHED);
    assertThat(chat.posts(channel)).singleElement().extracting(Call::detail).asString()
        .contains("*" + key + " customer statement published*", ">Some card payments &lt;fail&gt; &amp; we are on it")
        .doesNotContain("<fail>");
    assertThat(chat.posts(BROADCAST)).hasSize(1);
    assertThat(mail.to(key)).singleElement().satisfies(m -> {
      assertThat(m.to()).containsExactly(DISTRIBUTION);
      assertThat(m.subject()).isEqualTo("[" + key + "][SEV1] Customer statement: Checkout <fails> & EU payments");
    });
    assertThat(statusPage.of(key)).containsExactly(
        new Published(key, "investigating", "Some card payments <fail> & we are on it"));

    // Status updates on the plan's cadence (every 15 minutes for SEV1), twice.
    assertThat(timerDue(key, STATUS_UPDATE_DUE)).isEqualTo(date(START.plusMinutes(15)));
    postStatusUpdate(key, 1, channel);
    assertThat(timerDue(key, STATUS_UPDATE_DUE)).isEqualTo(date(START.plusMinutes(30)));
    postStatusUpdate(key, 2, channel);
    assertThat(timerDue(key, STATUS_UPDATE_DUE)).isEqualTo(date(START.plusMinutes(45)));

    // Resolution ends the response: escalation (leadership timer still pending) and the update loop are cancelled.
    assertThat(dueJobs(key)).isEmpty();
    remediate(key, "Rolled back release 42; payments <ok> again");
    assertThat(pi).hasPassedInOrder(REMEDIATE_INCIDENT, INCIDENT_RESOLVED).hasPassed(RESPOND_TO_INCIDENT)
        .isWaitingAt(ANNOUNCE_RESOLUTION).isNotWaitingAt(STATUS_UPDATE_DUE, ESCALATE_INCIDENT, TRIAGE_INCIDENT);
    assertThat(escalation(key).getState()).isEqualTo(HistoricProcessInstance.STATE_INTERNALLY_TERMINATED);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list())
        .extracting(p -> engine.getRepositoryService().getProcessDefinition(p.getProcessDefinitionId()).getKey())
        .containsExactlyInAnyOrder(IncidentProcess.KEY, CommunicationProcess.KEY);
    assertThat(engine.getManagementService().createJobQuery().timers().list())
        .filteredOn(job -> isOfIncident(job, key)).isEmpty();
    Incident resolved = incidents.find(key).orElseThrow();
    assertThat(resolved.state()).isEqualTo(State.RESOLVED);
    assertThat(resolved.resolvedAt()).isEqualTo(date(START.plusMinutes(30)).toInstant());

    clearRecordings();
    runDueJobs(key);
    assertThat(chat.posts(channel)).singleElement().extracting(Call::detail).asString()
        .contains("*" + key + " resolved: Checkout &lt;fails&gt; &amp; EU payments*",
            "Rolled back release 42; payments &lt;ok&gt; again");
    assertThat(chat.posts(BROADCAST)).hasSize(1);
    assertThat(mail.to(key)).singleElement().extracting(Mail::subject)
        .isEqualTo("[" + key + "][SEV1] Resolved: Checkout <fails> & EU payments");
    assertThat(statusPage.of(key)).containsExactly(
        new Published(key, "resolved", "This incident has been resolved. Thank you for your patience."));

    // Postmortem required for SEV1.
    assertThat(pi).hasPassed(IncidentProcess.Elements.POSTMORTEM_REQUIRED).isWaitingAt(CONDUCT_POSTMORTEM);
    assertThat(incidents.find(key).orElseThrow().phase()).isEqualTo(Phase.POSTMORTEM);
    conductPostmortem(key, "Canary card payments | pat.author | 2026-06-30");
    assertThat(jdbc.queryForList("SELECT owner, horizon FROM fb_action_item WHERE incident_key = ?", key))
        .extracting(r -> r.get("OWNER"), r -> r.get("HORIZON")).containsExactly(tuple("pat.author", "planning"));

    // Archive, closing email, closed.
    clearRecordings();
    runDueJobs(key);
    assertThat(pi).hasPassedInOrder(ANNOUNCE_RESOLUTION, CONDUCT_POSTMORTEM, RESPONSE_COMPLETE, ARCHIVE_CHANNEL,
        SEND_CLOSING_EMAIL, CLOSE_INCIDENT, INCIDENT_CLOSED).isEnded();
    // The reviewed postmortem is shared in the channel before it is archived.
    assertThat(chat.calls).extracting(Call::action, Call::channel).containsExactly(tuple("post", channel),
        tuple("archive", channel));
    assertThat(chat.calls.get(0).detail()).contains("Postmortem of " + key + " reviewed", "/postmortem.md");
    assertThat(mail.to(key)).singleElement().satisfies(m -> {
      assertThat(m.to()).containsExactly(DISTRIBUTION);
      assertThat(m.subject()).isEqualTo("[" + key + "][SEV1] Closed: Checkout <fails> & EU payments");
      assertThat(m.text()).contains(key + " is closed.", "What:        Checkout <fails> & EU payments")
          .doesNotContain("Progress:");
    });
    Incident closed = incidents.find(key).orElseThrow();
    assertThat(closed.state()).isEqualTo(State.CLOSED);
    assertThat(closed.phase()).isEqualTo(Phase.CLOSED);
    assertThat(closed.closedAt()).isNotNull();
    assertThat(timelineKinds(key)).containsSubsequence("DECLARED", "CLASSIFIED", "PAGED", "ACKNOWLEDGED", "TRIAGED",
        "PHASE_INVESTIGATING", "ACTION_ITEMS", "PHASE_CLOSED");
    assertThat(timelineTexts(key)).containsSubsequence("Phase: triaged", "Phase: investigating",
        "Phase: resolved: Rolled back release 42; payments <ok> again", "Phase: postmortem", "Phase: closed");
  }

  @Test
  void theFirstCustomerStatementIsDueQuicklyAndAnOverdueOneRemindsTheLiaisonCommsLeadAndIc() {
    String key = declare("Checkout <fails> & EU payments", "outage", "SEV1", true);
    String channel = key.toLowerCase(java.util.Locale.ROOT) + "-checkout-fails-eu-payments";
    acknowledgePage(key);
    triage(key, "SEV1", "outage", true);
    // The plan gives a SEV1's first statement 10 minutes (DMN response-plan, firstStatementDueMinutes).
    assertThat(task(key, PUBLISH_CUSTOMER_STATEMENT).getDueDate()).isEqualTo(date(START.plusMinutes(10)));
    assertThat(timerDue(key, IncidentProcess.Elements.FIRST_STATEMENT_OVERDUE)).isEqualTo(date(START.plusMinutes(10)));
    clearRecordings();
    advance(Duration.ofMinutes(9));
    runDueJobs(key);
    assertThat(chat.posts(channel)).isEmpty();
    advance(Duration.ofMinutes(1));
    runDueJobs(key);
    assertThat(incident(key)).hasPassed(IncidentProcess.Elements.REMIND_FIRST_STATEMENT,
        IncidentProcess.Elements.FIRST_STATEMENT_REMINDED).isWaitingAt(PUBLISH_CUSTOMER_STATEMENT);
    assertThat(chat.posts(channel)).singleElement().extracting(Call::detail).asString()
        .contains("first customer statement is overdue", LIAISON, COMMS, IC);

    // The statement carries its public title, components and their status to the status page.
    complete(key, PUBLISH_CUSTOMER_STATEMENT, Map.of(CUSTOMER_STATEMENT.name(), "Some card payments fail",
        "publicTitle", "Card payments failing", "customerStatus", "identified", "componentStatus", "major_outage"));
    runDueJobs(key);
    assertThat(statusPage.updates).singleElement().satisfies(u -> {
      assertThat(u.title()).isEqualTo("Card payments failing");
      assertThat(u.status()).isEqualTo("identified");
      assertThat(u.componentStatus()).isEqualTo("major_outage");
      assertThat(u.text()).isEqualTo("Some card payments fail");
    });
  }

  @Test
  void sev2DataIncidentNotifiesTheRegulatorWithADeadlineAndRemindsLegalDailyUntilDone() {
    createLegalUser();
    String key = declare("Customer export readable by other tenants", "data", "SEV2", false);
    ProcessInstance pi = incident(key);

    assertThat(pi).isWaitingAt(TRIAGE_INCIDENT, ESCALATE_INCIDENT, STATUS_UPDATE_DUE, NOTIFY_REGULATOR)
        .hasPassed(NO_CUSTOMER_STATEMENT).hasNotPassed(PUBLISH_CUSTOMER_STATEMENT);
    assertThat(chat.calls.get(0).action()).isEqualTo("open-private");
    Task regulator = task(key, NOTIFY_REGULATOR);
    assertThat(regulator.getDueDate()).isEqualTo(date(START.plusHours(72)));
    assertThat(regulator.getAssignee()).isNull();
    assertThat(engine.getTaskService().getIdentityLinksForTask(regulator.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly(FirebreakGroups.LEGAL);

    // The response finishes long before the regulator deadline; closing waits for the notification.
    acknowledgePage(key);
    triage(key, "SEV2", "data", false);
    remediate(key, "Export permissions fixed; no other tenant downloaded it");
    runDueJobs(key);
    conductPostmortem(key, "");
    runDueJobs(key);
    assertThat(pi).hasPassed(CONDUCT_POSTMORTEM).isWaitingAt(NOTIFY_REGULATOR).hasNotPassed(ARCHIVE_CHANNEL);
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(State.RESOLVED);
    assertThat(statusPage.of(key)).isEmpty();

    // Legal is reminded every 24 hours while the notification is open.
    clearRecordings();
    advance(Duration.ofHours(23));
    runDueJobs(key);
    assertThat(mail.to(key)).isEmpty();
    advance(Duration.ofHours(1));
    runDueJobs(key);
    assertThat(mail.to(key)).singleElement().satisfies(m -> {
      assertThat(m.to()).containsExactly(LEGAL_EMAIL);
      assertThat(m.subject()).isEqualTo("[" + key + "][SEV2] Regulator notification due: "
          + "Customer export readable by other tenants");
      assertThat(m.text()).contains(key + " may have to be reported to the regulator within 72 hours");
    });
    assertThat(pi).hasPassedInOrder(REGULATOR_REMINDER_DUE, REMIND_LEGAL, LEGAL_REMINDED).isWaitingAt(NOTIFY_REGULATOR);
    advance(Duration.ofHours(24));
    runDueJobs(key);
    assertThat(mail.to(key)).hasSize(2).allSatisfy(m -> assertThat(m.to()).containsExactly(LEGAL_EMAIL));

    clearRecordings();
    complete(key, NOTIFY_REGULATOR, Map.of(REGULATOR_REFERENCE.name(), "DPA-2026-0042"));
    runDueJobs(key);
    assertThat(pi).hasPassedInOrder(NOTIFY_REGULATOR, RESPONSE_COMPLETE, ARCHIVE_CHANNEL, SEND_CLOSING_EMAIL,
        CLOSE_INCIDENT, INCIDENT_CLOSED).isEnded();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(mail.to(key)).extracting(Mail::subject)
        .containsExactly("[" + key + "][SEV2] Closed: Customer export readable by other tenants");
    assertThat(chat.calls).extracting(Call::action).containsExactly("archive");
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(State.CLOSED);
  }

  @Test
  void sev3ConfirmedAsSev4InTriageIsReplannedAndClosesWithoutPostmortem() {
    String key = declare("Search results slow for some users", "degradation", "SEV3", false);
    ProcessInstance pi = incident(key);
    String channel = incidents.find(key).orElseThrow().channelName();
    assertThat(pi).variables().containsEntry(POSTMORTEM_REQUIRED.name(), true)
        .containsEntry(UPDATE_INTERVAL_MINUTES.name(), 60);

    // SEV3 plans no leadership escalation: acknowledging the page finishes escalation.
    acknowledgePage(key);
    assertThat(pi).hasPassed(ESCALATE_INCIDENT, ESCALATION_FINISHED);

    clearRecordings();
    triage(key, "SEV4", "degradation", false);

    assertThat(pi).hasPassedInOrder(SEVERITY_CHANGED, RECORD_SEVERITY_CHANGE, REASSESS_RESPONSE_PLAN,
        ANNOUNCE_SEVERITY_CHANGE, SEVERITY_CHANGE_ANNOUNCED);
    assertThat(pi).variables().containsEntry(SEVERITY.name(), "SEV4").containsEntry(POSTMORTEM_REQUIRED.name(), false)
        .containsEntry(FULL_RESPONSE.name(), false).containsEntry(UPDATE_INTERVAL_MINUTES.name(), 240);
    assertThat(incidents.find(key).orElseThrow().severity()).isEqualTo("SEV4");
    assertThat(timelineTexts(key))
        .contains("Severity changed from SEV3 to SEV4: confirmed in triage (declared as SEV3)");
    assertThat(chat.posts(channel)).singleElement().extracting(Call::detail).asString()
        .contains("*" + key + " severity changed from SEV3 to SEV4*", "Reason: confirmed in triage (declared as SEV3)");
    assertThat(chat.posts(BROADCAST)).hasSize(1);
    assertThat(mail.to(key)).extracting(Mail::subject)
        .containsExactly("[" + key + "][SEV4] Severity changed to SEV4: Search results slow for some users");

    remediate(key, "Reindexed the search cluster");
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(ANNOUNCE_RESOLUTION, IncidentProcess.Elements.POSTMORTEM_REQUIRED, RESPONSE_COMPLETE, ARCHIVE_CHANNEL,
        CLOSE_INCIDENT, INCIDENT_CLOSED).hasNotPassed(CONDUCT_POSTMORTEM).isEnded();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey(PostmortemProcess.KEY).count()).isZero();
    assertThat(mail.to(key)).extracting(Mail::subject).containsSubsequence(
        "[" + key + "][SEV4] Resolved: Search results slow for some users",
        "[" + key + "][SEV4] Closed: Search results slow for some users");
    Incident closed = incidents.find(key).orElseThrow();
    assertThat(closed.state()).isEqualTo(State.CLOSED);
    assertThat(timelineTexts(key)).doesNotContain("Phase: postmortem");
  }

  @Test
  void severityChangedDuringTheResponseReplansTheCadenceAndIsAnnounced() {
    String key = declare("Login slow", "degradation", "SEV2", false);
    ProcessInstance pi = incident(key);
    String channel = incidents.find(key).orElseThrow().channelName();
    acknowledgePage(key);
    triage(key, "SEV2", "degradation", false);
    assertThat(pi).hasNotPassed(SEVERITY_CHANGED);
    assertThat(timerDue(key, STATUS_UPDATE_DUE)).isEqualTo(date(START.plusMinutes(30)));

    clearRecordings();
    Incident changed = incidentService.changeSeverity(key, "sev1", "Logins <fail> for all EU customers", IC);
    runDueJobs(key);

    assertThat(changed.severity()).isEqualTo("SEV1");
    assertThat(pi).hasPassedInOrder(SEVERITY_CHANGED, RECORD_SEVERITY_CHANGE, REASSESS_RESPONSE_PLAN,
        ANNOUNCE_SEVERITY_CHANGE, SEVERITY_CHANGE_ANNOUNCED);
    assertThat(pi).variables().containsEntry(SEVERITY.name(), "SEV1").containsEntry(UPDATE_INTERVAL_MINUTES.name(), 15)
        .containsEntry(ESCALATION_TIMEOUT_MINUTES.name(), 60).containsEntry(POSTMORTEM_REQUIRED.name(), true);
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("SEVERITY_CHANGED"))
        .singleElement().satisfies(e -> {
          assertThat(e.actor()).isEqualTo(IC);
          assertThat(e.text()).isEqualTo("Severity changed from SEV2 to SEV1: Logins <fail> for all EU customers");
        });
    assertThat(chat.posts(channel)).singleElement().extracting(Call::detail).asString()
        .contains("*" + key + " severity changed from SEV2 to SEV1*", "Reason: Logins &lt;fail&gt; for all EU customers");
    assertThat(chat.posts(BROADCAST)).hasSize(1);
    assertThat(mail.to(key)).extracting(Mail::subject)
        .containsExactly("[" + key + "][SEV1] Severity changed to SEV1: Login slow");

    // The update already scheduled keeps its time; the next follows the new plan (15 instead of 30 minutes).
    advance(Duration.ofMinutes(30));
    runDueJobs(key);
    complete(key, POST_STATUS_UPDATE, Map.of(CommunicationProcess.UPDATE_TEXT.name(), "Logins recovering"));
    runDueJobs(key);
    assertThat(timerDue(key, STATUS_UPDATE_DUE)).isEqualTo(date(START.plusMinutes(45)));
    assertThat(pi).isWaitingAt(REMEDIATE_INCIDENT, STATUS_UPDATE_DUE);
  }

  @Test
  void severityRaisedBeforeTriageReplansWhatIsRunningAndWhatOpenTasksShow() {
    String key = declare("Checkout errors", "degradation", "SEV2", false);
    Task triage = task(key, TriageProcess.Elements.TRIAGE_INCIDENT);
    Task page = task(key, EscalationProcess.Elements.ACKNOWLEDGE_PAGE);
    assertThat(triage.getName()).isEqualTo("Triage " + key + " · SEV2 · Checkout errors");
    assertThat(triage.getPriority()).isEqualTo(80);
    assertThat(triage.getDescription()).contains("/incidents/" + key);
    assertThat(page.getName()).isEqualTo("Acknowledge page " + key + " · SEV2 · Checkout errors");
    assertThat(page.getDueDate()).isEqualTo(date(START.plusMinutes(10)));
    assertThat(timerDue(key, STATUS_UPDATE_DUE)).isEqualTo(date(START.plusMinutes(30)));
    String escalation = escalation(key).getId();
    assertThat(escalationTimerDue(escalation, EscalationProcess.Elements.ACK_OVERDUE)).isEqualTo(date(START.plusMinutes(10)));
    assertThat(escalationTimerDue(escalation, EscalationProcess.Elements.RESOLUTION_OVERDUE)).isEqualTo(date(START.plusMinutes(120)));

    advance(Duration.ofMinutes(3));
    incidentService.changeSeverity(key, "SEV1", "All EU checkouts fail", IC);

    // The SEV1 plan from the start: updates every 15 minutes, 5 to acknowledge, leadership after 60.
    assertThat(timerDue(key, STATUS_UPDATE_DUE)).isEqualTo(date(START.plusMinutes(15)));
    assertThat(escalationTimerDue(escalation, EscalationProcess.Elements.ACK_OVERDUE)).isEqualTo(date(START.plusMinutes(5)));
    assertThat(escalationTimerDue(escalation, EscalationProcess.Elements.RESOLUTION_OVERDUE)).isEqualTo(date(START.plusMinutes(60)));
    Task triageNow = task(key, TriageProcess.Elements.TRIAGE_INCIDENT);
    assertThat(triageNow.getName()).isEqualTo("Triage " + key + " · SEV1 · Checkout errors");
    assertThat(triageNow.getPriority()).isEqualTo(100);
    // The triage form preselects what its field is bound to.
    assertThat(engine.getTaskService().getVariable(triageNow.getId(), TriageProcess.CONFIRMED_SEVERITY.name())).isEqualTo("SEV1");
    Task pageNow = task(key, EscalationProcess.Elements.ACKNOWLEDGE_PAGE);
    assertThat(pageNow.getName()).isEqualTo("Acknowledge page " + key + " · SEV1 · Checkout errors");
    assertThat(pageNow.getDueDate()).isEqualTo(date(START.plusMinutes(5)));
    assertThat(engine.getTaskService().getVariable(pageNow.getId(), SEVERITY.name())).isEqualTo("SEV1");

    // Triage confirms the new severity: no second change.
    acknowledgePage(key);
    triage(key, "SEV1", "degradation", false);
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("SEVERITY_CHANGED")).hasSize(1);
    assertThat(task(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT).getName())
        .isEqualTo("Investigate incident " + key + " · SEV1 · Checkout errors");
  }

  @Test
  void minorIncidentRaisedToSev2GetsTheFullResponse() {
    String key = declare("Search slow for some", "degradation", "SEV4", false);
    ProcessInstance pi = incident(key);
    assertThat(pi).isWaitingAt(HANDLE_MINOR_INCIDENT);
    incidentService.changeSeverity(key, "SEV4", "still minor", IC);
    assertThat(pi).isWaitingAt(HANDLE_MINOR_INCIDENT);
    assertThat(incidents.timeline(key)).filteredOn(e -> e.kind().equals("SEVERITY_CHANGED")).singleElement()
        .satisfies(e -> assertThat(e.text()).contains("from SEV4 to SEV4"));

    Incident raised = incidentService.changeSeverity(key, "sev2", "All searches time out", IC);
    runDueJobs(key);

    assertThat(raised.severity()).isEqualTo("SEV2");
    assertThat(pi).hasPassed(FULL_RESPONSE_NEEDED).isWaitingAt(RESPOND_TO_INCIDENT);
    assertThat(pi).variables().containsEntry(SEVERITY.name(), "SEV2").containsEntry(FULL_RESPONSE.name(), true)
        .containsEntry(UPDATE_INTERVAL_MINUTES.name(), 30);
    assertThat(incidents.find(key).orElseThrow().channelName()).isNotBlank();
    assertThat(chat.posts(BROADCAST)).isNotEmpty();
    assertThat(paging.pages).isNotEmpty();
    assertThat(task(key, TriageProcess.Elements.TRIAGE_INCIDENT).getName()).isEqualTo("Triage " + key + " · SEV2 · Search slow for some");
    assertThat(incidents.find(key).orElseThrow().phase()).isNotEqualTo(Phase.RESOLVED);
    assertThat(tasks(key)).extracting(Task::getTaskDefinitionKey).doesNotContain(HANDLE_MINOR_INCIDENT);
  }

  @Test
  void tasklistDeclarationWithAnEmptyReporterRecordsWhoDeclared() {
    VariableMap form = Variables.createVariables();
    TITLE.put(form, "Invoices missing");
    INCIDENT_TYPE.put(form, "other");
    PROPOSED_SEVERITY.put(form, "SEV5");
    CUSTOMER_IMPACT.put(form, false);
    form.putValue(IncidentVariables.REPORTER.name(), "");
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication("sam.support", List.of(FirebreakGroups.SUPPORT));
    ProcessInstance started;
    try {
      started = engine.getFormService().submitStartForm(engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey(IncidentProcess.KEY).latestVersion().singleResult().getId(), form);
    } finally {
      identity.clearAuthentication();
    }
    String key = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(started.getId())
        .singleResult().getBusinessKey();
    assertThat(incidents.find(key).orElseThrow().reporter()).isEqualTo("sam.support");
    assertThat(incidents.timeline(key).get(0).actor()).isEqualTo("sam.support");
  }

  @Test
  void sev4TakesTheLightPathAndClosesOnceHandled() {
    String key = declare("Typo on the pricing page", "other", "SEV4", false);
    ProcessInstance pi = incident(key);

    assertThat(pi).isWaitingAt(HANDLE_MINOR_INCIDENT).variables().containsEntry(FULL_RESPONSE.name(), false);
    Task minor = task(key, HANDLE_MINOR_INCIDENT);
    assertThat(engine.getTaskService().getIdentityLinksForTask(minor.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly(FirebreakGroups.RESPONDERS);

    complete(key, HANDLE_MINOR_INCIDENT, Map.of(RESOLUTION_SUMMARY.name(), "Fixed the typo"));
    // Telling webhook subscribers of the declaration and the closing are async steps (issue 17).
    runDueJobs(key);

    assertThat(pi).hasPassedInOrder(START_DECLARED, REGISTER_INCIDENT, DECLARE_INCIDENT, FULL_RESPONSE_NEEDED,
        HANDLE_MINOR_INCIDENT, CLOSE_INCIDENT, INCIDENT_CLOSED)
        .hasNotPassed(RESPOND_TO_INCIDENT, ANNOUNCE_RESOLUTION, ARCHIVE_CHANNEL, SEND_CLOSING_EMAIL).isEnded();
    assertThat(chat.calls).isEmpty();
    assertThat(mail.sent).isEmpty();
    assertThat(paging.pages).isEmpty();
    Incident closed = incidents.find(key).orElseThrow();
    assertThat(closed.state()).isEqualTo(State.CLOSED);
    assertThat(closed.phase()).isEqualTo(Phase.CLOSED);
    assertThat(closed.resolvedAt()).isNotNull();
    assertThat(closed.closedAt()).isNotNull();
    assertThat(timelineTexts(key)).containsSubsequence("Phase: resolved: Fixed the typo", "Phase: closed");
  }

  @Test
  void incidentReportedInTasklistIsRegisteredUnderANewKey() {
    VariableMap form = Variables.createVariables();
    TITLE.put(form, "  Dark mode toggle ignored ");
    INCIDENT_TYPE.put(form, "Other");
    PROPOSED_SEVERITY.put(form, "sev5");
    CUSTOMER_IMPACT.put(form, false);
    IdentityService identity = engine.getIdentityService();
    identity.setAuthentication("sam.support", List.of(FirebreakGroups.SUPPORT));
    ProcessInstance started;
    try {
      started = engine.getRuntimeService().startProcessInstanceByKey(IncidentProcess.KEY, form);
    } finally {
      identity.clearAuthentication();
    }

    String key = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(started.getId())
        .singleResult().getBusinessKey();
    assertThat(key).matches("INC-\\d+");
    ProcessInstance pi = incident(key);
    assertThat(pi.getId()).isEqualTo(started.getId());
    assertThat(pi).hasPassedInOrder(START_REPORTED, REGISTER_INCIDENT, DECLARE_INCIDENT)
        .hasNotPassed(START_DECLARED).isWaitingAt(HANDLE_MINOR_INCIDENT);
    assertThat(pi).variables().containsEntry(INCIDENT_KEY.name(), key).containsEntry(TITLE.name(), "Dark mode toggle ignored")
        .containsEntry(INCIDENT_TYPE.name(), "other").containsEntry(SEVERITY.name(), "SEV5");
    Incident registered = incidents.find(key).orElseThrow();
    assertThat(registered.source()).isEqualTo("tasklist");
    assertThat(registered.reporter()).isEqualTo("sam.support");
    assertThat(registered.proposedSeverity()).isEqualTo("SEV5");
    assertThat(registered.processInstanceId()).isEqualTo(pi.getId());
    assertThat(incidents.timeline(key).get(0)).satisfies(e -> {
      assertThat(e.kind()).isEqualTo("DECLARED");
      assertThat(e.actor()).isEqualTo("sam.support");
      assertThat(e.text()).isEqualTo("Incident declared via tasklist: Dark mode toggle ignored");
    });

    complete(key, HANDLE_MINOR_INCIDENT, Map.of(RESOLUTION_SUMMARY.name(), "Works as designed in the new theme"));
    runDueJobs(key); // the webhook steps after declaring and closing are async (issue 17)
    assertThat(pi).hasPassed(CLOSE_INCIDENT, INCIDENT_CLOSED).isEnded();
    assertThat(incidents.find(key).orElseThrow().state()).isEqualTo(State.CLOSED);
  }

  // ---------------------------------------------------------------------------------------------
  // Steps people take, as they would in Tasklist

  /** Declares through the service (message start) and runs the declaration's jobs. */
  private String declare(String title, String type, String severity, boolean customerImpact) {
    Incident incident = incidentService.declare(new IncidentDeclaration(title, "Reported by support", "checkout", type,
        severity, customerImpact, "support.sam", "api", null));
    runDueJobs(incident.key());
    return incident.key();
  }

  private void acknowledgePage(String key) {
    Task page = task(key, EscalationProcess.Elements.ACKNOWLEDGE_PAGE);
    engine.getTaskService().setAssignee(page.getId(), ON_CALL);
    engine.getTaskService().complete(page.getId());
    runDueJobs(key); // the acknowledger is invited to the channel in a step of its own
  }

  /** The IC claims triage, confirms it and assigns every role. */
  private void triage(String key, String confirmedSeverity, String type, boolean customerImpact) {
    Task triage = task(key, TriageProcess.Elements.TRIAGE_INCIDENT);
    engine.getTaskService().setAssignee(triage.getId(), IC);
    VariableMap form = Variables.createVariables();
    TriageProcess.CONFIRMED_SEVERITY.put(form, confirmedSeverity);
    INCIDENT_TYPE.put(form, type);
    CUSTOMER_IMPACT.put(form, customerImpact);
    COMMS_LEAD.put(form, COMMS);
    SCRIBE.put(form, SCRIBER);
    CUSTOMER_LIAISON.put(form, LIAISON);
    engine.getTaskService().complete(triage.getId(), form);
    runDueJobs(key);
  }

  private void remediate(String key, String resolutionSummary) {
    complete(key, RemediationProcess.Elements.INVESTIGATE_INCIDENT, Map.of(
        RemediationProcess.FINDINGS.name(), "Found the cause", RemediationProcess.THIRD_PARTY_INVOLVED.name(), false));
    runDueJobs(key);
    complete(key, RemediationProcess.Elements.MITIGATE_IMPACT,
        Map.of(RemediationProcess.MITIGATION_SUMMARY.name(), "Impact mitigated"));
    runDueJobs(key);
    complete(key, RemediationProcess.Elements.RESOLVE_INCIDENT, Map.of(RESOLUTION_SUMMARY.name(), resolutionSummary));
  }

  private void conductPostmortem(String key, String actionItems) {
    // Action item owners must be Firebreak users.
    io.firebreak.postmortem.TestUsers.ensure(engine.getIdentityService(), "pat.author", "pat.author@example.com");
    assertThat(task(key, PostmortemProcess.Elements.CHOOSE_AUTHOR).getAssignee()).isEqualTo(IC);
    complete(key, PostmortemProcess.Elements.CHOOSE_AUTHOR, Map.of(PostmortemProcess.AUTHOR.name(), "pat.author"));
    VariableMap draft = Variables.createVariables();
    PostmortemProcess.CAUSE.put(draft, "cause");
    PostmortemProcess.IMPACT.put(draft, "impact");
    PostmortemProcess.STEPS_TAKEN.put(draft, "steps");
    PostmortemProcess.PREVENTION.put(draft, "prevention");
    PostmortemProcess.ACTION_ITEMS.put(draft, actionItems);
    complete(key, PostmortemProcess.Elements.WRITE_POSTMORTEM, draft);
    complete(key, PostmortemProcess.Elements.REVIEW_POSTMORTEM, Map.of(PostmortemProcess.APPROVED.name(), true));
  }

  /** Waits for the update to be due, has the comms lead write it, and checks where it went. */
  private void postStatusUpdate(String key, int n, String channel) {
    clearRecordings();
    advance(Duration.ofMinutes(14));
    runDueJobs(key);
    assertThat(tasks(key)).extracting(Task::getTaskDefinitionKey).doesNotContain(POST_STATUS_UPDATE);
    advance(Duration.ofMinutes(1));
    runDueJobs(key);
    Task update = task(key, POST_STATUS_UPDATE);
    assertThat(update.getAssignee()).isEqualTo(COMMS);
    VariableMap form = Variables.createVariables();
    CommunicationProcess.UPDATE_TEXT.put(form, "Update " + n + ": EU payments <recovering>");
    CommunicationProcess.WHAT_CHANGED.put(form, "Rollback " + n + " of 2 done");
    engine.getTaskService().complete(update.getId(), form);
    runDueJobs(key);

    assertThat(incident(key)).hasPassed(PUBLISH_STATUS_UPDATE).isWaitingAt(STATUS_UPDATE_DUE);
    assertThat(chat.posts(channel)).singleElement().extracting(Call::detail).asString()
        .contains("*" + key + " status update* (SEV1, investigating)", "Update " + n + ": EU payments &lt;recovering&gt;",
            "*What changed:* Rollback " + n + " of 2 done");
    assertThat(chat.posts(BROADCAST)).hasSize(1);
    assertThat(mail.to(key)).singleElement().satisfies(m -> {
      assertThat(m.to()).containsExactly(DISTRIBUTION);
      assertThat(m.subject()).isEqualTo("[" + key + "][SEV1] Update: Checkout <fails> & EU payments");
      assertThat(m.text()).contains("Update " + n + ": EU payments <recovering>");
    });
    assertThat(statusPage.of(key)).containsExactly(
        new Published(key, "investigating", RecordingStatusPage.HOLDING_TEXT));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private ProcessInstance incident(String key) {
    return instance(key, IncidentProcess.KEY);
  }

  private HistoricProcessInstance escalation(String key) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
        .processDefinitionKey(EscalationProcess.KEY).singleResult();
  }

  private boolean isOfIncident(Job job, String key) {
    // Timer start events (the weekly incident review) belong to no instance.
    return job.getProcessInstanceId() != null && engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(job.getProcessInstanceId())
        .processInstanceBusinessKey(key).count() > 0;
  }

  private Date timerDue(String key, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(incident(key).getId()).timers()
        .activityId(activityId).singleResult().getDuedate();
  }

  private Date escalationTimerDue(String escalationInstance, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(escalationInstance).timers()
        .activityId(activityId).singleResult().getDuedate();
  }

  private void createLegalUser() {
    IdentityService identity = engine.getIdentityService();
    User lee = identity.newUser(LEGAL_USER);
    lee.setFirstName("Lee");
    lee.setLastName("Legal");
    lee.setEmail(LEGAL_EMAIL);
    identity.saveUser(lee);
    identity.createMembership(LEGAL_USER, FirebreakGroups.LEGAL);
  }

  private static String email(String user) {
    return user + "@example.com";
  }

  private void clearRecordings() {
    chat.clear();
    mail.clear();
    paging.clear();
    statusPage.clear();
  }

  private static Date date(LocalDateTime time) {
    return Date.from(time.atZone(ZoneId.systemDefault()).toInstant());
  }
}
