package io.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The public status page over real HTTP against the booted application with its job executor:
 * a customer-affecting SEV2 moves through investigating, identified, monitoring and resolved as
 * the team completes its Tasklist tasks (over {@code /engine-rest}, as Tasklist would); only what
 * people approved for customers appears; a security incident stays off the page; the page and
 * the JSON need no login while an internal page still does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageApplicationTest {

  static final String INTERNAL_TITLE = "PaymentsGatewayErrorRate firing on pod payments-7f9c";
  static final String PUBLIC_TITLE = "<script>alert(1)</script> Card payments failing";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Http admin;
  Http anonymous;

  @BeforeEach
  void clients() {
    admin = new Http(port, "admin", "test-admin");
    anonymous = new Http(port, null, null);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // Each leaves its incident on the page: the ones that count incidents run first.
  @Test
  @Order(1)
  void theStatusPageAndItsJsonAreAnonymousButInternalPagesAreNot() {
    Http.Response page = anonymous.get("/status");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("max-age=5"));
    assertThat(page.body()).doesNotContain("<script src", "<link ", "http://", "https://");
    for (String doc : new String[] {"summary", "status", "components", "incidents", "incidents/unresolved",
        "scheduled-maintenances", "scheduled-maintenances/upcoming", "scheduled-maintenances/active"}) {
      Http.Response json = anonymous.get("/status/api/v2/" + doc + ".json");
      assertThat(json.status()).as(doc).isEqualTo(200);
      StatuspageShape.check(doc, json.json());
    }
    assertThat(anonymous.get("/oncall").status()).isEqualTo(401);
    assertThat(anonymous.get("/api/incidents").status()).isEqualTo(401);
    assertThat(anonymous.get("/engine-rest/task").status()).isEqualTo(401);
  }

  @Test
  @Order(2)
  void aCustomerAffectingSev2MovesThroughTheStatusesAsTheTeamWorks() throws Exception {
    String key = declare(INTERNAL_TITLE, "outage");
    admin.completeTask(key, "Task_AcknowledgePage", Map.of());
    admin.completeTask(key, "Task_TriageIncident", Map.of(
        "confirmedSeverity", "SEV2", "incidentType", "outage", "customerImpact", true,
        "commsLead", "admin", "scribe", "admin", "customerLiaison", "admin"));
    // The plan gives the first statement 15 minutes for a SEV2.
    JsonNode statementTask = admin.get("/engine-rest/task?processInstanceBusinessKey=" + key
        + "&taskDefinitionKey=Task_PublishCustomerStatement").json();
    admin.awaitTask(key, "Task_PublishCustomerStatement");
    statementTask = admin.get("/engine-rest/task?processInstanceBusinessKey=" + key
        + "&taskDefinitionKey=Task_PublishCustomerStatement").json().get(0);
    assertThat(statementTask.get("due").isNull()).isFalse();

    admin.completeTask(key, "Task_PublishCustomerStatement", Map.of(
        "publicTitle", PUBLIC_TITLE,
        "customerStatement", "Some card payments fail. We are investigating & will update within 30 minutes.",
        "customerStatus", "investigating", "affectedComponents", "Payments", "componentStatus", "partial_outage"));
    JsonNode open = awaitJson("incidents/unresolved", d -> d.get("incidents").size() == 1);
    JsonNode incident = open.get("incidents").get(0);
    assertThat(incident.get("name").asText()).isEqualTo(PUBLIC_TITLE);
    assertThat(incident.get("status").asText()).isEqualTo("investigating");
    assertThat(incident.get("impact").asText()).isEqualTo("major");
    assertThat(incident.get("incident_updates").get(0).get("body").asText()).startsWith("Some card payments fail.");
    assertThat(component("Payments")).isEqualTo("partial_outage");
    assertThat(anonymous.get("/status/api/v2/status.json").json().get("status").get("indicator").asText())
        .isEqualTo("major");

    // The title renders as text, never as markup.
    String html = anonymous.get("/status").body();
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; Card payments failing")
        .doesNotContain("<script>").contains("Partial outage").contains("Investigating");

    // A status update: the internal text stays internal, the public one is published as identified.
    advanceClock(key, Duration.ofMinutes(31));
    admin.completeTask(key, "Task_PostStatusUpdate", Map.of(
        "updateText", "Rolled back deploy 4711 by ana.alves in #inc-secret", "whatChanged", "cause known",
        "publicUpdate", "We found the cause and are fixing it.", "customerStatus", "identified",
        "componentStatus", "degraded_performance"));
    awaitJson("incidents/unresolved", d -> d.get("incidents").get(0).get("status").asText().equals("identified"));
    assertThat(component("Payments")).isEqualTo("degraded_performance");

    advanceClock(key, Duration.ofMinutes(31));
    admin.completeTask(key, "Task_PostStatusUpdate", Map.of(
        "updateText", "Error rate back under SLO", "publicUpdate", "A fix is in place; we are monitoring.",
        "customerStatus", "monitoring", "componentStatus", "degraded_performance"));
    JsonNode monitoring = awaitJson("incidents/unresolved",
        d -> d.get("incidents").get(0).get("status").asText().equals("monitoring"));
    assertThat(monitoring.get("incidents").get(0).get("monitoring_at").isNull()).isFalse();

    admin.completeTask(key, "Task_InvestigateIncident", Map.of("findings", "Bad config", "thirdPartyInvolved", false));
    admin.completeTask(key, "Task_MitigateImpact", Map.of("mitigationSummary", "Rolled back"));
    admin.completeTask(key, "Task_ResolveIncident", Map.of("resolutionSummary", "Rolled back deploy 4711"));
    awaitJson("incidents/unresolved", d -> d.get("incidents").isEmpty());
    JsonNode all = anonymous.get("/status/api/v2/incidents.json").json();
    JsonNode resolved = all.get("incidents").get(0);
    assertThat(resolved.get("status").asText()).isEqualTo("resolved");
    assertThat(resolved.get("resolved_at").isNull()).isFalse();
    assertThat(resolved.get("incident_updates")).hasSize(4);
    assertThat(component("Payments")).isEqualTo("operational");
    assertThat(anonymous.get("/status/api/v2/status.json").json().get("status").get("indicator").asText())
        .isEqualTo("none");

    // Nothing internal anywhere public: no key, no internal title or update, no people, no channel.
    for (String doc : new String[] {"summary", "incidents", "components"}) {
      String body = anonymous.get("/status/api/v2/" + doc + ".json").body();
      StatuspageShape.check(doc, new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));
      assertThat(body).doesNotContain(key, INTERNAL_TITLE, "4711", "ana.alves", "admin", "#inc-", "inc-");
    }
    assertThat(anonymous.get("/status").body()).doesNotContain(key, INTERNAL_TITLE, "4711", "ana.alves", "admin");
  }

  @Test
  @Order(3)
  void aSecurityIncidentIsNotPublicByDefault() throws Exception {
    String key = declare("Credential stuffing against login", "security");
    admin.completeTask(key, "Task_AcknowledgePage", Map.of());
    admin.completeTask(key, "Task_TriageIncident", Map.of(
        "confirmedSeverity", "SEV2", "incidentType", "security", "customerImpact", true,
        "commsLead", "admin", "scribe", "admin", "customerLiaison", "admin"));
    admin.completeTask(key, "Task_PublishCustomerStatement", Map.of(
        "publicTitle", "Login trouble SECRET-TITLE", "customerStatement", "SECRET-STATEMENT",
        "customerStatus", "investigating", "componentStatus", "major_outage"));
    // The statement went out everywhere else (the channel): wait for that, then look at the page.
    admin.awaitIncident(key, i -> i.get("timeline").toString().contains("SECRET-STATEMENT")
        || i.get("openTasks").toString().contains("Investigate"));
    Thread.sleep(1500);
    assertThat(anonymous.get("/status/api/v2/incidents.json").body()).doesNotContain("SECRET");
    assertThat(anonymous.get("/status").body()).doesNotContain("SECRET");
  }

  @Test
  @Order(4)
  void thePageReadsOnAPhoneInARealBrowser() throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    Path driver = Path.of("/usr/bin/chromedriver");
    Assumptions.assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(driver),
        "SKIPPED: the real-browser check needs Debian's chromium and chromium-driver "
            + "(apt-get install chromium chromium-driver; .ci/run installs them)");
    String key = declare(INTERNAL_TITLE, "outage");
    admin.completeTask(key, "Task_AcknowledgePage", Map.of());
    admin.completeTask(key, "Task_TriageIncident", Map.of(
        "confirmedSeverity", "SEV2", "incidentType", "outage", "customerImpact", true,
        "commsLead", "admin", "scribe", "admin", "customerLiaison", "admin"));
    admin.completeTask(key, "Task_PublishCustomerStatement", Map.of(
        "publicTitle", PUBLIC_TITLE,
        "customerStatement", "Some card payments fail. We are investigating and will update within 30 minutes.",
        "customerStatus", "investigating", "affectedComponents", "Payments", "componentStatus", "partial_outage"));
    awaitJson("incidents/unresolved", d -> d.toString().contains("Card payments failing"));

    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844");
    options.setExperimentalOption("mobileEmulation",
        Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 1.0)));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
        .usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    Path screenshots = Path.of("target", "screenshots");
    try {
      // No credentials: a customer's browser.
      browser.get("http://127.0.0.1:" + port + "/status");
      assertThat(browser.getTitle()).isEqualTo("Firebreak status");
      assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("Partial System Outage");
      WebElement incident = browser.findElement(By.cssSelector("#open article h3"));
      // The title shows as the text it is; no script element was injected.
      assertThat(incident.getText()).isEqualTo(PUBLIC_TITLE);
      assertThat(browser.findElements(By.tagName("script"))).isEmpty();
      assertThat(browser.findElement(By.id("components")).getText()).contains("Payments").contains("Partial outage");
      JavascriptExecutor js = (JavascriptExecutor) browser;
      long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
      long viewport = ((Number) js.executeScript("return window.innerWidth")).longValue();
      assertThat(viewport).isLessThanOrEqualTo(400);
      assertThat(scrollWidth).as("page width on a %d px screen", viewport).isLessThanOrEqualTo(viewport);
      double fontPx = Double.parseDouble(((String) js.executeScript(
          "return getComputedStyle(document.querySelector('.update p')).fontSize")).replace("px", ""));
      assertThat(fontPx).isGreaterThanOrEqualTo(16);
      Files.createDirectories(screenshots);
      Files.write(screenshots.resolve("status-page-phone.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    } catch (AssertionError | RuntimeException e) {
      Files.createDirectories(screenshots);
      Files.write(screenshots.resolve("status-page-phone-FAILED.png"),
          ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      throw e;
    } finally {
      browser.quit();
    }
  }

  private String declare(String title, String type) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("service", "payments-api");
    body.put("type", type);
    body.put("proposedSeverity", "SEV2");
    body.put("customerImpact", true);
    Http.Response declared = admin.postJson("/api/incidents", body);
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    return declared.json().get("key").asText();
  }

  private String component(String name) {
    for (JsonNode c : anonymous.get("/status/api/v2/components.json").json().get("components")) {
      if (c.get("name").asText().equals(name)) {
        return c.get("status").asText();
      }
    }
    throw new AssertionError("no component " + name);
  }

  private JsonNode awaitJson(String doc, Predicate<JsonNode> condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = anonymous.get("/status/api/v2/" + doc + ".json").json();
      if (condition.test(last)) {
        StatuspageShape.check(doc, last);
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(doc + " never met the condition; last: " + last);
  }

  /**
   * Moves the engine clock and fires the incident's timers now due: the job executor would find
   * them too, but only after its idle back-off (up to a minute).
   */
  private void advanceClock(String key, Duration by) {
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(by)));
    engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list().forEach(pi ->
        engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().executable().list()
            .forEach(job -> {
              try {
                engine.getManagementService().executeJob(job.getId());
              } catch (OptimisticLockingException | NullValueException e) {
                // The job executor took it first.
              }
            }));
  }
}
