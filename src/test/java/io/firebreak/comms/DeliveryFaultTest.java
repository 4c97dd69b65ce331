package io.firebreak.comms;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import io.firebreak.comms.FakeSlack.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reliability of every outside call against real peers: Slack failing or rate-limiting, SMTP down,
 * a job rolled back after the send, the last retry, and the operator's retry from Cockpit.
 */
class DeliveryFaultTest extends RealPeersTest {

  @Autowired RollbackProbe probe;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aJobRolledBackAfterSlackAndSmtpAcceptedDoesNotSendAgainWhenRetried() throws Exception {
    String key = declare("Typo on the pricing page", "other", "SEV4");
    BpmnModelInstance model = Bpmn.createExecutableProcess("test-rollback-after-delivery")
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("Task_Deliver").camundaAsyncBefore().camundaDelegateExpression("${openIncidentChannel}")
        .serviceTask("Task_Post").camundaDelegateExpression("${postToSlack}")
        .camundaInputParameter("channel", "broadcast").camundaInputParameter("template", "incident-declared")
        .serviceTask("Task_Email").camundaDelegateExpression("${sendIncidentEmail}")
        .camundaInputParameter("template", "initial").camundaInputParameter("recipients", "distribution")
        .serviceTask("Task_Commit").camundaExpression("${rollbackProbe.failOnce(execution)}")
        .endEvent().done();
    engine.getRepositoryService().createDeployment().addModelInstance("rollback-probe.bpmn", model).deploy();
    probe.failures.set(1);
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey("test-rollback-after-delivery", key,
        Map.of("title", "Rollback probe", "privateChannel", false));
    Job job = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).singleResult();

    assertThat(attempt(job)).hasMessageContaining("died before commit");
    MAIL.waitForIncomingEmail(5000, 1);
    assertThat(SLACK.handled("conversations.create", "chat.postMessage")).hasSize(2);
    assertThat(MAIL.getReceivedMessages()).hasSize(1);
    // The job's transaction rolled back: the incident does not know its channel yet; Slack does.
    assertThat(incidents.channelId(key)).isEmpty();

    assertThat(attempt(job)).isNull();
    assertThat(SLACK.handled("conversations.create", "chat.postMessage")).as("nothing sent twice").hasSize(2);
    assertThat(SLACK.channels()).filteredOn(c -> c.name().startsWith(key.toLowerCase())).hasSize(1);
    assertThat(MAIL.waitForIncomingEmail(1000, 2)).as("a second email").isFalse();
    assertThat(MAIL.getReceivedMessages()).hasSize(1);
    // The retry carried on with the channel the first attempt opened.
    assertThat(incidents.channelId(key)).hasValue(SLACK.channel(key.toLowerCase() + "-rollback-probe").id());
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    // The async step is keyed by its job (the same on the retry); the steps running on in that job,
    // by their element in the process instance.
    assertThat(jdbc.queryForList("SELECT delivery_key FROM fb_delivery WHERE incident_key = ?", String.class, key))
        .containsExactlyInAnyOrder(
            "job:" + job.getId() + "/channel:" + key.toLowerCase() + "-rollback-probe",
            "pi:" + pi.getId() + ":Task_Post/post:" + BROADCAST + ":incident-declared",
            "pi:" + pi.getId() + ":Task_Email/mail:initial");
  }

  @Test
  void aChannelWhoseNameIsTakenIsReusedNotDuplicated() {
    String key = declare("Search slow", "degradation", "SEV1");
    String existing = SLACK.addChannel(key.toLowerCase() + "-search-slow", false);
    runDueJobs(key);

    assertThat(incidents.channelId(key)).hasValue(existing);
    assertThat(SLACK.channels()).filteredOn(c -> c.name().startsWith(key.toLowerCase())).hasSize(1);
    assertThat(SLACK.handled("conversations.setTopic")).extracting(r -> r.param("channel")).containsExactly(existing);
  }

  @Test
  void slackFailingWith500ForAWhileThenRecoveringDeliversEveryMessageOnce() {
    String key = declare("Payments erroring", "outage", "SEV1");
    SLACK.fail("chat.postMessage", 500, 3);
    SLACK.fail("conversations.setTopic", 503, 2);
    SLACK.fail("conversations.create", 502, 1);

    int failures = runAsyncJobsRetryingFailures(key, 20);

    assertThat(failures).isEqualTo(6);
    assertThat(SLACK.requests()).filteredOn(r -> r.status() >= 500).hasSize(6);
    assertThat(SLACK.channels()).filteredOn(c -> c.name().startsWith(key.toLowerCase())).hasSize(1);
    assertThat(SLACK.handled("conversations.setTopic")).hasSize(1);
    assertThat(SLACK.messages()).extracting(FakeSlack.Message::channel)
        .containsExactly(SLACK.channel(BROADCAST).id(), "D" + SLACK.addUser(ON_CALL_EMAIL));
    assertThat(openIncidents(key)).isEmpty();
  }

  @Test
  void smtpDownThenUpDeliversEveryEmailOnce() throws Exception {
    String key = declare("Login slow", "degradation", "SEV1");
    MAIL.stop();
    try {
      // The initial email fails twice while the server is down; everything before it is sent.
      int failures = runAsyncJobsRetryingFailures(key, 2);
      assertThat(failures).isEqualTo(2);
      Job email = jobAt(key, "Task_SendInitialEmail");
      assertThat(email.getExceptionMessage()).containsIgnoringCase("connect");
    } finally {
      MAIL.start();
    }
    assertThat(runAsyncJobsRetryingFailures(key, 20)).isZero();

    MAIL.waitForIncomingEmail(5000, 2);
    assertThat(MAIL.getReceivedMessages()).extracting(m -> SlackAndEmailEndToEndTest.to(m).get(0))
        .containsExactlyInAnyOrder("incidents@example.com", ON_CALL_EMAIL);
    assertThat(SLACK.messages()).hasSize(2);
  }

  @Test
  void aPageThatFailedHalfwayReachesOnlyThoseNotReachedYetWhenRetried() throws Exception {
    String oscar = "oncall.oscar";
    var identity = engine.getIdentityService();
    var user = identity.newUser(oscar);
    user.setEmail(oscar + "@example.com");
    identity.saveUser(user);
    identity.createMembership(oscar, ON_CALL_GROUP);
    try {
      String oscarSlackId = SLACK.addUser(oscar + "@example.com");
      String oliveSlackId = SLACK.addUser(ON_CALL_EMAIL);
      String key = declare("Disk full", "outage", "SEV1");
      // Olive gets her DM and email; the DM to Oscar fails once.
      SLACK.fail("chat.postMessage", p -> ("D" + oscarSlackId).equals(p.get("channel")), 500, 1);

      assertThat(runAsyncJobsRetryingFailures(key, 20)).isEqualTo(1);

      assertThat(SLACK.messages()).extracting(FakeSlack.Message::channel)
          .containsExactly(SLACK.channel(BROADCAST).id(), "D" + oliveSlackId, "D" + oscarSlackId);
      MAIL.waitForIncomingEmail(5000, 3);
      assertThat(MAIL.getReceivedMessages()).extracting(m -> SlackAndEmailEndToEndTest.to(m).get(0))
          .containsExactlyInAnyOrder("incidents@example.com", ON_CALL_EMAIL, oscar + "@example.com");
    } finally {
      identity.deleteMembership(oscar, ON_CALL_GROUP);
      identity.deleteUser(oscar);
    }
  }

  @Test
  void somebodyWithoutASlackAccountIsPagedByEmailAndTheTimelineSaysSo() throws Exception {
    // Olive is not in this Slack workspace.
    SLACK.reset();
    SLACK.addChannel(BROADCAST, false);
    String key = declare("Cache cold", "outage", "SEV1");
    assertThat(runAsyncJobsRetryingFailures(key, 5)).isZero();

    assertThat(SLACK.handled("conversations.open")).isEmpty();
    MAIL.waitForIncomingEmail(5000, 2);
    assertThat(MAIL.getReceivedMessages()).extracting(m -> SlackAndEmailEndToEndTest.to(m).get(0))
        .contains(ON_CALL_EMAIL);
    assertThat(incidents.timeline(key)).extracting(io.firebreak.incident.TimelineEntry::text)
        .anySatisfy(t -> assertThat(t).startsWith("No Slack direct message").contains(ON_CALL));
  }

  @Test
  void afterTheLastRetryTheStepIsACockpitIncidentAndRetryingItCompletesIt() {
    String key = declare("Queue stuck", "outage", "SEV1");
    SLACK.fail("conversations.create", 500, 100);
    Job job = jobAt(key, "Task_OpenIncidentChannel");

    int attempts = 0;
    while (engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries() > 0) {
      assertThat(attempt(job)).hasMessageContaining("HTTP 500");
      attempts++;
      assertThat(attempts).as("attempts before an incident").isLessThanOrEqualTo(10);
    }
    // The engine's retry cycle (application.yaml, PT30S,…,PT30M): the first attempt and seven retries.
    assertThat(attempts).isEqualTo(8);
    List<Incident> open = openIncidents(key);
    assertThat(open).singleElement().satisfies(incident -> {
      assertThat(incident.getIncidentType()).isEqualTo("failedJob");
      assertThat(incident.getActivityId()).isEqualTo("Task_OpenIncidentChannel");
      assertThat(incident.getIncidentMessage()).contains("conversations.create failed: HTTP 500");
    });

    // Slack is back; the operator presses "retry" in Cockpit, which sets the job's retries.
    SLACK.clearFailures();
    Http.Response retry = admin.send(admin.request("/engine-rest/job/" + job.getId() + "/retries")
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"retries\": 1}")));
    assertThat(retry.status()).as(retry.body()).isEqualTo(204);
    assertThat(openIncidents(key)).as("the incident is resolved with the retries").isEmpty();
    // The job executor runs it when it falls due; here the test does.
    assertThat(attempt(engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult())).isNull();
    runDueJobs(key);

    assertThat(openIncidents(key)).isEmpty();
    assertThat(SLACK.handled("conversations.create")).hasSize(1);
    assertThat(incidents.channelId(key)).isPresent();
    assertThat(SLACK.messages()).hasSize(2);
  }

  @Test
  void aRateLimitFailsTheStepAtOnceAndTheJobIsDueAgainAfterRetryAfterWithItsRetriesKept() {
    String key = declare("Slow burn", "outage", "SEV2");
    SLACK.rateLimit("conversations.create", 0, Duration.ofMinutes(1), 45);
    Job job = jobAt(key, "Task_OpenIncidentChannel");
    long start = System.nanoTime();
    assertThat(attempt(job)).hasMessageContaining("rate-limited by Slack");
    // The job thread (and its connection) is free at once, not after 45 s of sleeping.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    Job limited = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
    long dueIn = limited.getDuedate().getTime() - System.currentTimeMillis();
    assertThat(dueIn).as("due again after Retry-After (45 s), not after the retry cycle's 30 s")
        .isBetween(40_000L, 45_000L);
    assertThat(limited.getExceptionMessage()).contains("Retry-After");
    assertThat(attempt(limited)).hasMessageContaining("rate-limited by Slack");
    Job again = engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
    assertThat(again.getRetries()).as("a rate limit uses up no retry").isEqualTo(limited.getRetries());
    assertThat(openIncidents(key)).isEmpty();

    SLACK.removeRateLimit("conversations.create");
    assertThat(attempt(again)).isNull();
    assertThat(SLACK.handled("conversations.create")).hasSize(1);
  }

  @Test
  void thirtyChannelsInABurstAboveTheRateLimitAllOpenWithoutIncidents() throws Exception {
    // Tier 2 is ~20 calls a minute; the fake keeps the shape (20 per window, then 429 with
    // Retry-After) on a 5-second window so that the test stays short.
    SLACK.rateLimit("conversations.create", 20, Duration.ofSeconds(5), 1);
    List<String> keys = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      keys.add(declare("Burst " + i, "outage", "SEV2"));
    }
    List<Job> jobs = keys.stream().map(k -> jobAt(k, "Task_OpenIncidentChannel")).toList();
    List<String> ids = jobs.stream().map(Job::getId).toList();

    // Four threads, like the job executor's pool, run the channel jobs that are due, round after
    // round, as the job executor would: a rate-limited one waits for its due date, not in a thread.
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long start = System.nanoTime();
    List<Exception> failed = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      List<Job> due = engine.getManagementService().createJobQuery().executable().list().stream()
          .filter(j -> ids.contains(j.getId())).toList();
      List<Job> left = engine.getManagementService().createJobQuery().list().stream()
          .filter(j -> ids.contains(j.getId())).toList();
      if (left.isEmpty()) {
        break;
      }
      List<Future<Exception>> results = due.stream().map(job -> pool.submit(() -> attempt(job))).toList();
      for (Future<Exception> result : results) {
        Exception e = result.get(60, TimeUnit.SECONDS);
        if (e != null && !e.getMessage().contains("rate-limited by Slack")) {
          failed.add(e);
        }
      }
      Thread.sleep(200);
    }
    pool.shutdown();
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    System.out.printf("BURST: 30 channel creations, %d answered 429, all done in %d ms%n",
        SLACK.rejectedByRateLimit("conversations.create"), millis);

    assertThat(failed).as("failed channel jobs").isEmpty();
    assertThat(SLACK.rejectedByRateLimit("conversations.create")).as("rate limit hit").isPositive();
    assertThat(SLACK.handled("conversations.create")).hasSize(30);
    for (String key : keys) {
      assertThat(incidents.channelId(key)).as(key).isPresent();
      assertThat(openIncidents(key)).as(key).isEmpty();
    }
  }

  private List<Incident> openIncidents(String key) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list().stream()
        .flatMap(pi -> engine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).list().stream())
        // the failed step itself, not its echo on the calling activity
        .filter(incident -> incident.getId().equals(incident.getRootCauseIncidentId()))
        .toList();
  }

  /**
   * Runs the incident's async steps (not timers) as the job executor would when each retry falls
   * due, ignoring the wait between retries; stops after {@code maxFailures}. Returns the failures.
   */
  private int runAsyncJobsRetryingFailures(String key, int maxFailures) {
    int failures = 0;
    for (int round = 0; round < 100; round++) {
      List<Job> jobs = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list()
          .stream()
          .flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).messages()
              .withRetriesLeft().active().list().stream())
          .toList();
      if (jobs.isEmpty()) {
        return failures;
      }
      for (Job job : jobs) {
        if (attempt(job) != null && ++failures >= maxFailures) {
          return failures;
        }
      }
    }
    throw new IllegalStateException("jobs of " + key + " keep coming");
  }

  @SuppressWarnings("unused")
  private static List<Request> nonAuth(List<Request> requests) {
    return requests.stream().filter(r -> !r.method().equals("auth.test")).toList();
  }
}
