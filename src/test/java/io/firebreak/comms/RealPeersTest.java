package io.firebreak.comms;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.firebreak.Http;
import io.firebreak.incident.IncidentRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests against real peers on loopback: Firebreak booted on a random port with the
 * real Slack client talking to {@link FakeSlack} and real SMTP to GreenMail, both on free ports
 * and shared by every subclass (one Spring context). No job executor: tests run the jobs
 * themselves, as an operator's "retry" would, so that failures and retries are deterministic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(RollbackProbe.Config.class)
abstract class RealPeersTest {

  static final FakeSlack SLACK = new FakeSlack();
  static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
  static final GreenMail MAIL = new GreenMail(SMTP);
  static final String BROADCAST = "incidents";
  static final String ON_CALL = "oncall.olive";
  static final String ON_CALL_EMAIL = "oncall.olive@example.com";
  /**
   * The group paged for services outside the catalog ({@code firebreak.paging.on-call-group}): only
   * olive, so the pages these tests see do not depend on the test catalog's people in "responders".
   */
  static final String ON_CALL_GROUP = "peers-on-call";

  static {
    MAIL.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      SLACK.close();
      MAIL.stop();
    }));
  }

  @DynamicPropertySource
  static void peers(DynamicPropertyRegistry registry) {
    registry.add("firebreak.slack.token", () -> "xoxb-test-token");
    registry.add("firebreak.slack.api-url", SLACK::apiUrl);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getPort());
    registry.add("firebreak.mail.from", () -> "firebreak@example.com");
    registry.add("firebreak.paging.on-call-group", () -> ON_CALL_GROUP);
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired IncidentRepository incidents;
  Http admin;

  @BeforeEach
  void peersReady() throws Exception {
    admin = new Http(port, "admin", "test-admin");
    SLACK.reset();
    SLACK.addChannel(BROADCAST, false);
    SLACK.addUser(ON_CALL_EMAIL);
    if (!MAIL.isRunning()) {
      MAIL.start();
    }
    MAIL.purgeEmailFromAllMailboxes();
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(ON_CALL).count() == 0) {
      var olive = identity.newUser(ON_CALL);
      olive.setFirstName("Olive");
      olive.setEmail(ON_CALL_EMAIL);
      identity.saveUser(olive);
      identity.createMembership(ON_CALL, "responders");
    }
    if (identity.createGroupQuery().groupId(ON_CALL_GROUP).count() == 0) {
      var group = identity.newGroup(ON_CALL_GROUP);
      group.setName("On call (tests against real peers)");
      identity.saveGroup(group);
      identity.createMembership(ON_CALL, ON_CALL_GROUP);
    }
  }

  /** Declares an incident through the API as support would; returns its key. */
  String declare(String title, String type, String severity) {
    Http.Response declared = admin.postJson("/api/incidents", Map.of(
        "title", title, "description", "Seen by support at 14:02", "service", "checkout",
        "type", type, "proposedSeverity", severity, "customerImpact", true));
    if (declared.status() != 201) {
      throw new IllegalStateException(declared.body());
    }
    return declared.json().get("key").asText();
  }

  /** Jobs of this incident that are due now (timers in the future are left alone). */
  List<Job> dueJobs(String incidentKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(incidentKey).list()
        .stream()
        .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
            .executable().active().list().stream())
        .toList();
  }

  /** Runs due jobs of the incident until none is left; a failing job fails the test. */
  void runDueJobs(String incidentKey) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = dueJobs(incidentKey);
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs of " + incidentKey + " keep coming");
  }

  /** The one job waiting at this element (any process of the incident). */
  Job jobAt(String incidentKey, String activityId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(incidentKey).list()
        .stream()
        .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
            .activityId(activityId).list().stream())
        .findFirst().orElseThrow(() -> new AssertionError("no job at " + activityId + " for " + incidentKey));
  }

  /** Runs a job once, as the job executor would; returns the failure, or null when it succeeded. */
  Exception attempt(Job job) {
    try {
      engine.getManagementService().executeJob(job.getId());
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
