package io.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Slack's {@code /incident} commands are allowed as Camunda decides, and follow the deployed models
 * with no restart: a process owner adds a candidate group to {@code Triage incident}, deploys the
 * models the way Camunda Modeler does ({@code /engine-rest/deployment/create}), and members of that
 * group may now choose the IC of a new incident in Slack. Same context as {@link IntakeApplicationTest}.
 */
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
class SlackPermissionsTest {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  IntakeClient client;
  Http admin;

  @BeforeEach
  void client() {
    client = new IntakeClient(port);
    admin = new Http(port, "admin", "test-admin");
  }

  private String user(String prefix, String... groups) {
    String id = prefix + "-" + System.nanoTime();
    User user = identity.newUser(id);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    return id;
  }

  private String slackText(String text, String user, String channel) {
    Http.Response r = client.slack(text, user, channel);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("response_type").asText()).isEqualTo("ephemeral");
    return r.json().get("text").asText();
  }

  /** Declares in Slack as admin and waits for the incident's channel and its triage task. */
  private String[] declaredAndInTriage(String title) throws InterruptedException {
    String reply = slackText("declare " + title + " sev2", "admin", "support");
    assertThat(reply).startsWith("Declared *INC-");
    String key = reply.replaceAll("(?s)^Declared \\*(INC-\\d+)\\*.*", "$1");
    String channel = client.awaitIncident(key, i -> !i.get("channel").isNull()).get("channel").asText();
    client.awaitTask(key, "Task_TriageIncident");
    return new String[] {key, channel};
  }

  @Test
  void declaringInSlackNeedsTheAuthorizationToStartIncident() {
    String follower = user("follower", "leadership");
    assertThat(slackText("declare Board deck broken sev3", follower, "general"))
        .startsWith("Not declared: " + follower + " may not declare incidents")
        .contains("CREATE_INSTANCE", "Camunda Admin");
    assertThat(slackText("declare Board deck broken sev3", "slack.stranger", "general"))
        .isEqualTo("Not declared: only Firebreak users can declare incidents; slack.stranger is not one.");
    String supporter = user("supporter", "support");
    assertThat(slackText("declare Checkout slow sev3", supporter, "support")).startsWith("Declared *INC-");
  }

  @Test
  void aCandidateGroupAddedInTheDeployedModelMayActInSlack() throws Exception {
    String responder = user("responder", "responders");

    // Shipped models: Triage incident is for incident-commanders, so a responder may not choose the IC.
    String[] before = declaredAndInTriage("Search returns nothing");
    assertThat(slackText("ic @" + responder, responder, before[1]))
        .startsWith(responder + " may not choose the incident commander of " + before[0])
        .contains("members of incident-commanders", "\"Triage INC-");
    assertThat(client.incident(before[0]).get("timeline").toString())
        .contains("/incident ic @" + responder + " (in #" + before[1] + ") (refused: " + responder + " may not choose");

    Map<String, String> shipped = shippedModels();
    Map<String, String> changed = new TreeMap<>(shipped);
    String triage = shipped.get("incident-triage.bpmn");
    changed.put("incident-triage.bpmn", triage.replaceFirst(
        "(id=\"Task_TriageIncident\"[^>]*camunda:candidateGroups=\")incident-commanders\"", "$1responders,incident-commanders\""));
    assertThat(changed.get("incident-triage.bpmn")).isNotEqualTo(triage);
    try {
      Http.Response deployed = deploy("triage-by-responders", changed);
      assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);

      String[] after = declaredAndInTriage("Search returns nothing again");
      assertThat(slackText("ic @" + responder, responder, after[1]))
          .isEqualTo(responder + " is now the incident commander of " + after[0] + ".");
      // Only triage changed: the severity is still for whom the incident model names.
      String supporter = user("supporter", "support");
      assertThat(slackText("sev 1", supporter, after[1]))
          .startsWith(supporter + " may not change the severity of " + after[0]);
    } finally {
      assertThat(deploy("shipped", shipped).status()).isEqualTo(200);
    }
  }

  /** Every BPMN under processes/, by file name: deployed together, whatever the call activities bind to. */
  private static Map<String, String> shippedModels() throws IOException {
    Map<String, String> models = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).forEach(f -> {
        try {
          models.put(f.getFileName().toString(), Files.readString(f));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return models;
  }

  /** What Camunda Modeler sends to deploy: a multipart form to /engine-rest/deployment/create. */
  private Http.Response deploy(String name, Map<String, String> files) {
    return admin.deploy(name, files);
  }
}
