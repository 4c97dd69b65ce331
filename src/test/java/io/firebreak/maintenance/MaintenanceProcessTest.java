package io.firebreak.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.comms.MailPort.Mail;
import io.firebreak.incident.DeclarationProcess;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.TestIncidents;
import io.firebreak.maintenance.MaintenanceProcess.Elements;
import io.firebreak.platform.FormRejection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The maintenance process with the engine clock moved: announced ahead of the window (the model's
 * announceLeadTime, P2D), in progress at its start, verifying at its end with the owner's task,
 * flagged when it overruns, completed by the owner; cancelled by its message; refused at the start
 * when the form is wrong. While it runs, a SEV3 on its component pages nobody (inMaintenance).
 */
class MaintenanceProcessTest extends ProcessTest {

  static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  static final Instant START = Instant.parse("2026-03-05T22:00:00Z");
  static final Instant END = Instant.parse("2026-03-05T23:00:00Z");

  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void clockPeopleAndNoOtherMaintenance() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    // Tests share the database: another test's window must not put Payments under maintenance.
    engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(MaintenanceProcess.KEY).list()
        .forEach(pi -> engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test isolation"));
    jdbc.update("DELETE FROM fb_maintenance_update");
    jdbc.update("DELETE FROM fb_maintenance");
    users("maint.owner", "comms.carla");
    var identity = engine.getIdentityService();
    if (identity.createGroupQuery().groupId("communications").count() == 0) {
      identity.saveGroup(identity.newGroup("communications"));
    }
    if (identity.createUserQuery().userId("comms.carla").memberOfGroup("communications").count() == 0) {
      identity.createMembership("comms.carla", "communications");
    }
    // Responders may plan maintenance (the seeded CREATE_INSTANCE on "maintenance").
    if (identity.createUserQuery().userId("maint.owner").memberOfGroup("responders").count() == 0) {
      identity.createMembership("maint.owner", "responders");
    }
  }

  private Map<String, Object> form(String title, Object components, String start, String end) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("maintenanceTitle", title);
    vars.put("maintenanceComponents", components);
    vars.put("windowStart", start);
    vars.put("windowEnd", end);
    vars.put("customerText", "Card payments may be declined for up to 10 minutes.");
    vars.put("maintenanceOwner", "");
    return vars;
  }

  /** As Tasklist starts it: the starter is authenticated (camunda:initiator), the form leaves the owner empty. */
  private ProcessInstance schedule(Map<String, Object> vars) {
    engine.getIdentityService().setAuthentication("maint.owner", List.of("responders"));
    try {
      return engine.getRuntimeService().startProcessInstanceByKey(MaintenanceProcess.KEY, vars);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private ProcessInstance scheduled() {
    // Tasklist's datetime with an offset, and a taglist value (a list) of a component and a service.
    return schedule(form("Database upgrade", List.of("Payments", "payments-api"), "2026-03-05T23:00+01:00",
        "2026-03-05T23:00Z"));
  }

  /** The maintenance's posts in the broadcast channel (incidents declared meanwhile post there too). */
  private List<String> posts(String key) {
    return chat.posts("incidents").stream().filter(c -> c.incidentKey().equals(key)).map(c -> c.detail()).toList();
  }

  private String lastPost(String key) {
    return posts(key).get(posts(key).size() - 1);
  }

  private String status(String key) {
    List<String> s = jdbc.queryForList("SELECT status FROM fb_maintenance WHERE maintenance_key = ?", String.class, key);
    return s.isEmpty() ? null : s.get(0);
  }

  private void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  private boolean declaredInMaintenanceWithoutPaging(String service) {
    String key = TestIncidents.register(incidents, "Payments errors", "outage", false);
    Map<String, Object> vars = new HashMap<>();
    vars.put(IncidentVariables.TITLE.name(), "Payments errors");
    vars.put(IncidentVariables.INCIDENT_TYPE.name(), "outage");
    vars.put(IncidentVariables.PROPOSED_SEVERITY.name(), "SEV3");
    vars.put(IncidentVariables.CUSTOMER_IMPACT.name(), false);
    vars.put(IncidentVariables.ALERT_SEVERITY.name(), null);
    vars.put("service", service);
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(DeclarationProcess.KEY, key, vars);
    runDueJobs(key);
    List<Object> inMaintenance = values(pi, "inMaintenance");
    List<Object> full = values(pi, "fullResponse");
    assertThat(inMaintenance).as("inMaintenance of %s", key).isNotEmpty().allMatch(v -> v.equals(inMaintenance.get(0)));
    return Boolean.TRUE.equals(inMaintenance.get(0)) && full.equals(List.of(false));
  }

  private List<Object> values(ProcessInstance pi, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(name).list().stream().map(v -> v.getValue()).toList();
  }

  @Test
  void scheduledThenInProgressThenVerifyingThenCompletedByTheOwner() {
    ProcessInstance pi = scheduled();
    String key = pi.getBusinessKey();
    assertThat(key).startsWith("MNT-");
    assertThat(pi).isWaitingAt(Elements.ANNOUNCEMENT_DUE).variables()
        .containsEntry("maintenanceOwner", "maint.owner")
        .containsEntry("componentNames", "Payments")
        .containsEntry("announceAt", Date.from(START.minus(Duration.ofDays(2))))
        .containsEntry("overrunAt", Date.from(END.plus(Duration.ofMinutes(30))));
    assertThat(status(key)).as("not on the page before the lead time").isNull();

    at(START.minus(Duration.ofDays(2)).plusSeconds(1));
    runDueJobs(key);
    assertThat(status(key)).isEqualTo("scheduled");
    assertThat(pi).isWaitingAt(Elements.WINDOW_STARTS);
    assertThat(posts(key)).hasSize(1);
    assertThat(posts(key).get(0)).contains("Database upgrade", "Payments", key);
    assertThat(mail.to(key)).extracting(Mail::to).containsExactly(List.of("incidents@example.com"));
    assertThat(mail.to(key).get(0).subject()).isEqualTo("[" + key + "] Planned maintenance: Database upgrade (5 Mar 2026, 22:00 UTC)");
    assertThat(declaredInMaintenanceWithoutPaging("payments-api")).as("before the window").isFalse();

    at(START.plusSeconds(1));
    runDueJobs(key);
    assertThat(status(key)).isEqualTo("in_progress");
    assertThat(pi).isWaitingAt(Elements.WINDOW_ENDS);
    assertThat(posts(key)).hasSize(2);
    // An alert for the maintained service still declares an incident, but the plan pages nobody.
    assertThat(declaredInMaintenanceWithoutPaging("payments-api")).isTrue();
    assertThat(declaredInMaintenanceWithoutPaging("reports")).as("a service not under maintenance").isFalse();

    at(END.plusSeconds(1));
    runDueJobs(key);
    assertThat(status(key)).isEqualTo("verifying");
    Task confirm = task(key, Elements.CONFIRM);
    assertThat(confirm.getAssignee()).isEqualTo("maint.owner");
    assertThat(confirm.getName()).isEqualTo("Confirm maintenance complete: Database upgrade");

    complete(key, Elements.CONFIRM, Map.of("completionNote", "All done, thank you for your patience."));
    runDueJobs(key);
    assertThat(status(key)).isEqualTo("completed");
    assertThat(jdbc.queryForList("SELECT body FROM fb_maintenance_update u JOIN fb_maintenance m"
        + " ON m.id = u.maintenance_id WHERE m.maintenance_key = ? ORDER BY u.created_at", String.class, key))
        .containsExactly("Card payments may be declined for up to 10 minutes.",
            "The scheduled maintenance is in progress. We will post an update here when it is complete.",
            "The maintenance work is done; we are verifying that everything works as expected.",
            "All done, thank you for your patience.");
    assertThat(pi).hasPassed("EndEvent_MaintenanceCompleted").hasNotPassed(Elements.OVERRUN).isEnded();
    assertThat(declaredInMaintenanceWithoutPaging("payments-api")).as("after completion").isFalse();
  }

  @Test
  void anOverrunningWindowIsFlaggedToTheOwnerAndCommunications() {
    ProcessInstance pi = scheduled();
    String key = pi.getBusinessKey();
    at(END.plusSeconds(1));
    runDueJobs(key);
    assertThat(status(key)).isEqualTo("verifying");
    mail.clear();
    at(END.plus(Duration.ofMinutes(29)));
    runDueJobs(key);
    assertThat(mail.to(key)).isEmpty();

    at(END.plus(Duration.ofMinutes(31)));
    runDueJobs(key);
    assertThat(mail.to(key)).hasSize(1);
    assertThat(mail.to(key).get(0).to()).containsExactlyInAnyOrder("maint.owner@example.com", "comms.carla@example.com");
    assertThat(mail.to(key).get(0).subject()).isEqualTo("[" + key + "] Maintenance overrunning: Database upgrade");
    assertThat(lastPost(key)).contains("overrunning");
    // Still the owner's to confirm: the flag does not complete it.
    assertThat(pi).hasPassed("EndEvent_OverrunFlagged").isWaitingAt(Elements.CONFIRM);
    assertThat(status(key)).isEqualTo("verifying");
    complete(key, Elements.CONFIRM, Map.of());
    runDueJobs(key);
    assertThat(status(key)).isEqualTo("completed");
    assertThat(pi).isEnded();
  }

  @Test
  void aCancelledMaintenanceLeavesUpcomingAndShowsCompletedCancelled() {
    ProcessInstance pi = scheduled();
    String key = pi.getBusinessKey();
    at(START.minus(Duration.ofDays(1)));
    runDueJobs(key);
    assertThat(status(key)).isEqualTo("scheduled");

    engine.getRuntimeService().createMessageCorrelation(MaintenanceProcess.MESSAGE_CANCELLED)
        .processInstanceBusinessKey(key).setVariable("cancelReason", "we found a safer way").correlate();
    runDueJobs(key);
    assertThat(status(key)).isEqualTo("completed");
    assertThat(jdbc.queryForObject("SELECT cancelled_at FROM fb_maintenance WHERE maintenance_key = ?",
        java.sql.Timestamp.class, key)).isNotNull();
    assertThat(lastPost(key))
        .contains("cancelled", "we found a safer way");
    assertThat(pi).hasPassed("EndEvent_MaintenanceCancelled").hasNotPassed("Task_PublishInProgress").isEnded();

    // The window comes and goes: nothing is under maintenance.
    at(START.plusSeconds(1));
    assertThat(declaredInMaintenanceWithoutPaging("payments-api")).isFalse();
  }

  @Test
  void theFormIsCheckedOnTheServerWithReadableSentences() {
    assertThatThrownBy(() -> schedule(form("Upgrade", List.of("Payments"), "2026-03-05T23:00Z", "2026-03-05T22:00Z")))
        .isInstanceOf(FormRejection.class).hasMessage("Window end: the window must end after it starts (5 Mar 2026, 23:00 UTC).");
    assertThatThrownBy(() -> schedule(form("Upgrade", List.of("Payments"), "2026-03-01T23:00Z", "2026-03-05T22:00Z")))
        .isInstanceOf(FormRejection.class).hasMessageStartingWith("Window start: 1 Mar 2026, 23:00 UTC has passed");
    assertThatThrownBy(() -> schedule(form("Upgrade", List.of("Moon base"), "2026-03-05T21:00Z", "2026-03-05T22:00Z")))
        .isInstanceOf(FormRejection.class)
        .hasMessage("Affected components: 'Moon base' is not a status page component or catalog service; choose from Payments.");
    assertThatThrownBy(() -> schedule(form("Upgrade", "[]", "2026-03-05T21:00Z", "2026-03-05T22:00Z")))
        .isInstanceOf(FormRejection.class).hasMessageStartingWith("Affected components: choose at least one");
    Map<String, Object> unknownOwner = form("Upgrade", "Payments", "2026-03-05T21:00", "2026-03-05T22:00");
    unknownOwner.put("maintenanceOwner", "nobody.here");
    assertThatThrownBy(() -> schedule(unknownOwner)).isInstanceOf(FormRejection.class)
        .hasMessageStartingWith("Owner: 'nobody.here' is not a Firebreak user");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(MaintenanceProcess.KEY)
        .count()).as("nothing started").isZero();
    // Starting now (typed a minute ago) is fine; a window sooner than the lead time is announced at once.
    ProcessInstance now = schedule(form("Upgrade", "Payments", NOW.minus(1, ChronoUnit.MINUTES).toString(),
        NOW.plus(1, ChronoUnit.HOURS).toString()));
    runDueJobs(now.getBusinessKey());
    assertThat(status(now.getBusinessKey())).isEqualTo("in_progress");
  }
}
