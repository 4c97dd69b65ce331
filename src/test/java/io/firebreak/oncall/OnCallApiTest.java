package io.firebreak.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /oncall}, {@code /api/oncall}, the dry run and the acknowledge link over real HTTP against
 * the booted application, with the catalog in a temporary file (so reloading is real) and the
 * engine clock fixed around a Monday 09:00 UTC hand-off of the test catalog.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OnCallApiTest {

  private static final Path CATALOG;
  private static final String ORIGINAL;

  static {
    try {
      CATALOG = Files.createTempFile("firebreak-catalog", ".yaml");
      CATALOG.toFile().deleteOnExit();
      ORIGINAL = new ClassPathResource("oncall/test-catalog.yaml").getContentAsString(StandardCharsets.UTF_8);
      Files.writeString(CATALOG, ORIGINAL);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void catalogFile(DynamicPropertyRegistry registry) {
    registry.add("firebreak.catalog.location", () -> "file:" + CATALOG);
    registry.add("firebreak.catalog.reload-check", () -> "0s");
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired CatalogIdentity catalogIdentity;
  @Autowired CatalogStore catalogStore;
  Http admin;
  Http anonymous;

  @BeforeEach
  void clients() throws IOException {
    admin = new Http(port, "admin", "test-admin");
    anonymous = new Http(port, null, null);
    writeCatalog(ORIGINAL);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static void clockAt(String instant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
  }

  private static int version;

  /** Writes the catalog file with a modification time that is certainly new. */
  private static void writeCatalog(String text) throws IOException {
    Files.writeString(CATALOG, text);
    Files.setLastModifiedTime(CATALOG, FileTime.from(Instant.now().plusSeconds(++version)));
  }

  private static JsonNode service(JsonNode board, String id) {
    for (JsonNode s : board.get("services")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no service " + id + " in " + board);
  }

  @Test
  void theJsonShowsWhoIsOnCallNowAndAfterTheHandOff() {
    clockAt("2026-03-16T08:59:00Z");
    Http.Response before = admin.get("/api/oncall");
    assertThat(before.status()).as(before.body()).isEqualTo(200);
    JsonNode payments = service(before.json(), "payments-api");
    assertThat(payments.at("/primary/id").asText()).isEqualTo("bob");
    assertThat(payments.at("/primary/name").asText()).isEqualTo("Bob <Builder> & Sons");
    assertThat(payments.at("/primary/email").asText()).isEqualTo("bob@example.com");
    assertThat(payments.at("/primary/until").asText()).isEqualTo("2026-03-16T09:00:00Z");
    assertThat(payments.at("/secondary/id").asText()).isEqualTo("carol");
    assertThat(payments.at("/runbook").asText()).isEqualTo("https://runbooks.example.com/payments-api?x=1&y=<2>");
    assertThat(payments.at("/team/name").asText()).isEqualTo("Payments");
    assertThat(payments.get("experts")).extracting(e -> e.get("id").asText()).containsExactly("alice", "bob");
    assertThat(payments.at("/thirdParties/0/name").asText()).isEqualTo("Stripe");
    assertThat(payments.at("/thirdParties/0/contact").asText()).isEqualTo("support@stripe.example <24/7>");
    assertThat(payments.at("/escalationPolicy/SEV1").asText()).isEqualTo("critical");
    assertThat(before.json().get("at").asText()).isEqualTo("2026-03-16T08:59:00Z");

    clockAt("2026-03-16T09:00:00Z");
    JsonNode after = service(admin.get("/api/oncall").json(), "payments-api");
    assertThat(after.at("/primary/id").asText()).isEqualTo("carol");
    assertThat(after.at("/primary/until").asText()).isEqualTo("2026-03-23T09:00:00Z");
    assertThat(after.at("/secondary/id").asText()).isEqualTo("alice");
  }

  @Test
  void thePageIsHtmlForAPhoneWithEveryValueEscaped() {
    clockAt("2026-03-16T08:59:00Z");
    Http.Response page = admin.get("/oncall");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    assertThat(page.body())
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "As of Mon 16 Mar 08:59 UTC")
        .contains("Payments &lt;API&gt;", "Bob &lt;Builder&gt; &amp; Sons", "until Mon 16 Mar 09:00 UTC")
        .contains("href=\"https://runbooks.example.com/payments-api?x&#x3D;1&amp;y&#x3D;&lt;2&gt;\"")
        .contains("Stripe: support@stripe.example &lt;24/7&gt;", "Carol Chen", "Ledger")
        .doesNotContain("<Builder>", "<API>", "<24/7>");

    clockAt("2026-03-16T09:00:00Z");
    String afterHandOff = admin.get("/oncall").body();
    assertThat(afterHandOff.substring(afterHandOff.indexOf("id=\"service-payments-api\"")))
        .containsSubsequence("Primary", "Carol Chen", "until Mon 23 Mar 09:00 UTC", "Secondary", "Alice Archer");
  }

  @Test
  void everythingOnCallNeedsALogin() {
    for (String path : List.of("/oncall", "/api/oncall", "/api/oncall/dry-run?service=payments-api&severity=SEV1",
        "/oncall/acknowledge/INC-1")) {
      Http.Response r = anonymous.get(path);
      assertThat(r.status()).as(path).isEqualTo(401);
      // A browser shows its login prompt.
      assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
    }
  }

  @Test
  void theDryRunListsWhoIsPagedAndToldInOrderWithDelays() {
    clockAt("2026-03-16T08:57:00Z");
    Http.Response r = admin.get("/api/oncall/dry-run?service=payments-api&severity=sev1");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode run = r.json();
    assertThat(run.get("policy").asText()).isEqualTo("critical");
    assertThat(run.get("pages")).extracting(p -> p.get("atMinute").asInt() + " " + p.get("page").asText() + " "
            + p.get("waitMinutes").asInt())
        // SEV1's response plan caps every wait at 5 minutes; at minute 5 (09:02) the secondary is the new week's.
        .containsExactly("0 bob 5", "5 alice 5", "10 lena 5", "15 leadership 5");
    assertThat(run.at("/pages/3/members")).extracting(JsonNode::asText).contains("lena");
    assertThat(run.get("told")).extracting(t -> t.get("atMinute").asInt() + " " + t.get("who").asText())
        .containsExactly("0 Slack broadcast channel and the incident distribution list", "60 leadership");

    JsonNode sev3 = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV3").json();
    assertThat(sev3.get("policy").asText()).isEqualTo("standard");
    assertThat(sev3.get("pages")).hasSize(6);
    assertThat(sev3.get("told")).hasSize(1);

    JsonNode sev4 = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV4").json();
    assertThat(sev4.get("fullResponse").asBoolean()).isFalse();
    assertThat(sev4.get("pages")).isEmpty();
    assertThat(sev4.get("note").asText()).contains("nobody is paged");
  }

  @Test
  void theDryRunRejectsUnknownServicesAndSeverities() {
    Http.Response service = admin.get("/api/oncall/dry-run?service=nope&severity=SEV1");
    assertThat(service.status()).isEqualTo(400);
    assertThat(service.json().get("error").asText()).isEqualTo("unknown_service");
    assertThat(service.json().get("detail").asText()).contains("nope", "payments-api", "ledger");

    Http.Response severity = admin.get("/api/oncall/dry-run?service=payments-api&severity=SEV9");
    assertThat(severity.status()).isEqualTo(400);
    assertThat(severity.json().get("error").asText()).isEqualTo("unknown_severity");

    Http.Response missing = admin.get("/api/oncall/dry-run?service=payments-api");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("detail").asText()).contains("severity");
  }

  @Test
  void anEditedCatalogFileIsShownWithoutRestartAndAnInvalidEditKeepsTheLastGoodOne() throws IOException {
    writeCatalog(ORIGINAL.replace("name: Ledger", "name: General ledger"));
    assertThat(service(admin.get("/api/oncall").json(), "ledger").get("name").asText()).isEqualTo("General ledger");

    writeCatalog(ORIGINAL.replace("name: Ledger", "name: Broken ledger\n    tier: 9"));
    JsonNode board = admin.get("/api/oncall").json();
    assertThat(service(board, "ledger").get("name").asText()).isEqualTo("General ledger");
    assertThat(board.get("reloadProblem").asText()).contains("services.ledger.tier", "line ");
    assertThat(admin.get("/oncall").body()).contains("changed but is invalid", "services.ledger.tier");
  }

  @Test
  void declaringAnIncidentForACatalogServicePagesExactlyThePrimaryAndTheLinkOpensTheTask() {
    clockAt("2026-03-10T10:00:00Z");
    Http.Response declared = admin.postJson("/api/incidents", Map.of("title", "Card payments failing",
        "service", "payments-api", "type", "outage", "proposedSeverity", "SEV2", "customerImpact", true));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    String key = declared.json().get("key").asText();
    runJobs(key);

    Task ack = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey(EscalationProcess.Elements.ACKNOWLEDGE_PAGE).singleResult();
    assertThat(ack.getAssignee()).isEqualTo("bob");
    // No paging adapter in this application: the timeline says who would have been paged, once.
    JsonNode incident = admin.get("/api/incidents/" + key).json();
    assertThat(incident.toString()).contains("Paging not configured: bob not paged").doesNotContain("carol not paged");

    Http.Response link = admin.get("/oncall/acknowledge/" + key);
    assertThat(link.status()).isEqualTo(302);
    assertThat(link.headers().firstValue("Location")).hasValue("/camunda/app/tasklist/default/#/?task=" + ack.getId());

    engine.getTaskService().complete(ack.getId());
    Http.Response gone = admin.get("/oncall/acknowledge/" + key);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).contains("No page of " + key + " is waiting");
    // The key comes from the URL: it is shown as text.
    Http.Response odd = admin.get("/oncall/acknowledge/INC-%3Cb%3E");
    assertThat(odd.status()).isEqualTo(404);
    assertThat(odd.body()).contains("No page of INC-&lt;b&gt; is waiting").doesNotContain("<b>");
  }

  @Test
  void catalogPeopleAndTeamsAreInTheIdentityStoreWithoutAPassword() {
    var identity = engine.getIdentityService();
    var bob = identity.createUserQuery().userId("bob").singleResult();
    assertThat(bob.getEmail()).isEqualTo("bob@example.com");
    assertThat(bob.getFirstName()).isEqualTo("Bob");
    assertThat(identity.createGroupQuery().groupMember("bob").list()).extracting(g -> g.getId())
        .contains("payments", "responders");
    assertThat(identity.createGroupQuery().groupId("payments").singleResult().getName()).isEqualTo("Payments");
    assertThat(identity.createUserQuery().memberOfGroup("leadership").userId("lena").count()).isOne();
    // Provisioning again, as after every reload, adds nothing twice and fails on nothing already there.
    List<String> bobsGroups = identity.createGroupQuery().groupMember("bob").list().stream().map(g -> g.getId()).toList();
    long users = identity.createUserQuery().count();
    long groups = identity.createGroupQuery().count();
    catalogIdentity.provision(catalogStore.catalog());
    assertThat(identity.createGroupQuery().groupMember("bob").list()).extracting(g -> g.getId())
        .containsExactlyInAnyOrderElementsOf(bobsGroups);
    assertThat(identity.createUserQuery().count()).isEqualTo(users);
    assertThat(identity.createGroupQuery().count()).isEqualTo(groups);
    // No password was configured for catalog people: they cannot log in (an admin sets one).
    assertThat(new Http(port, "lena", "").get("/api/oncall").status()).isEqualTo(401);
  }

  @Test
  void thePageReadsOnAPhoneInARealBrowser() {
    Path chromium = Path.of("/usr/bin/chromium");
    Path driver = Path.of("/usr/bin/chromedriver");
    Assumptions.assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(driver),
        "SKIPPED: the real-browser check needs Debian's chromium and chromium-driver "
            + "(apt-get install chromium chromium-driver; .ci/run installs them)");
    clockAt("2026-03-16T08:59:00Z");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844");
    // A phone's screen: 390 × 844 CSS pixels (the headless window alone cannot be narrower than 500).
    options.setExperimentalOption("mobileEmulation",
        Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 3.0)));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
        .usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      // Credentials in the URL answer the Basic-auth prompt a person would type into.
      browser.get("http://admin:test-admin@127.0.0.1:" + port + "/oncall");
      assertThat(browser.getTitle()).isEqualTo("On call now — Firebreak");
      WebElement payments = browser.findElement(By.id("service-payments-api"));
      assertThat(payments.findElement(By.tagName("h2")).getText()).startsWith("Payments <API>");
      assertThat(payments.findElement(By.cssSelector(".primary .name")).getText()).isEqualTo("Bob <Builder> & Sons");
      assertThat(payments.findElement(By.cssSelector(".secondary .name")).getText()).isEqualTo("Carol Chen");
      assertThat(payments.findElement(By.cssSelector(".primary .until")).getText()).isEqualTo("until Mon 16 Mar 09:00 UTC");
      assertThat(payments.findElement(By.linkText("https://runbooks.example.com/payments-api?x=1&y=<2>"))
          .getAttribute("href")).isEqualTo("https://runbooks.example.com/payments-api?x=1&y=%3C2%3E");
      // User text stays text: no element was injected by names or contacts.
      assertThat(browser.findElements(By.tagName("builder"))).isEmpty();
      assertThat(browser.findElements(By.tagName("api"))).isEmpty();
      // Readable on a phone: nothing wider than the screen, text not shrunk.
      JavascriptExecutor js = (JavascriptExecutor) browser;
      long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
      long viewport = ((Number) js.executeScript("return window.innerWidth")).longValue();
      assertThat(viewport).isLessThanOrEqualTo(400);
      assertThat(scrollWidth).as("page width on a %d px screen", viewport).isLessThanOrEqualTo(viewport);
      double fontPx = Double.parseDouble(((String) js.executeScript(
          "return getComputedStyle(document.querySelector('.primary .name')).fontSize")).replace("px", ""));
      assertThat(fontPx).isGreaterThanOrEqualTo(16);
    } finally {
      browser.quit();
    }
  }

  /** Runs the incident's due jobs (no job executor in the test profile), bounded. */
  private void runJobs(String key) {
    for (int round = 0; round < 50; round++) {
      List<Job> due = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(key).list()
          .stream().flatMap(pi -> engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
              .executable().active().list().stream()).toList();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(j -> engine.getManagementService().executeJob(j.getId()));
    }
    throw new IllegalStateException("jobs keep coming");
  }
}
