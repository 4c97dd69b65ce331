package io.firebreak.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Browser;
import io.firebreak.Http;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The incident page ({@code /incidents/{key}}) and the index ({@code /incidents}) over real HTTP
 * against the booted application, and in a real Chromium at phone width: logged-in users only,
 * escaped user text, delivery notes folded away, and Camunda's read authorizations deciding who
 * sees which incident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class IncidentPageTest {

  static final String SCRIPT_TITLE = "<script>alert(1)</script> Checkout & <b>payments</b>";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  Http admin;
  Http anonymous;

  @BeforeEach
  void clients() {
    admin = new Http(port, "admin", "test-admin");
    anonymous = new Http(port, null, null);
  }

  private String declare(Http as, String title, String severity) {
    Http.Response r = as.postJson("/api/incidents", Map.of("title", title, "type", "outage",
        "proposedSeverity", severity, "service", "payments-api", "customerImpact", true,
        "description", "Cards fail <img src=x onerror=alert(2)>"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String key = r.json().get("key").asText();
    runJobs(key);
    return key;
  }

  private void user(String id, String... groups) {
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword("pw-" + id);
      identity.saveUser(user);
      for (String group : groups) {
        identity.createMembership(id, group);
      }
    }
  }

  @Test
  void anonymousGets401AndALoggedInUser200() {
    String key = declare(admin, "Login slow", "SEV3");
    for (String path : List.of("/incidents", "/incidents/" + key, "/incidents/INC-999999")) {
      Http.Response r = anonymous.get(path);
      assertThat(r.status()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      assertThat(r.body()).doesNotContain("Login slow");
    }
    assertThat(new Http(port, "admin", "wrong").get("/incidents/" + key).status()).isEqualTo(401);
    Http.Response index = admin.get("/incidents");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(index.body()).contains("href=\"/incidents/" + key + "\"");
    Http.Response page = admin.get("/incidents/" + key);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Login slow");
  }

  @Test
  void thePageShowsTheIncidentEscapedWithTasksLinkedIntoTasklistAndDeliveryNotesFoldedAway() {
    String key = declare(admin, SCRIPT_TITLE, "SEV2");
    String body = admin.get("/incidents/" + key).body();

    // User text is text: no tag of it reaches the page.
    assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt; Checkout &amp; &lt;b&gt;payments&lt;/b&gt;")
        .doesNotContain("<script>").doesNotContain("<b>payments").doesNotContain("<img src=x");
    assertThat(body).contains("SEV2", "payments-api", "phase <strong id=\"phase\">declared</strong>");
    // Links: the runbook from the catalog, the Cockpit instance.
    assertThat(body).contains("Runbook: <a href=\"https://runbooks.example.com/payments-api?x&#x3D;1&amp;y&#x3D;&lt;2&gt;\"");
    assertThat(body).contains("/camunda/app/cockpit/default/#/process-instance/");
    // Open tasks link into Tasklist.
    String triage = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key)
        .taskDefinitionKey("Task_TriageIncident").singleResult().getId();
    // Its name carries the incident (key, severity, title), escaped like every other user text.
    assertThat(body).contains("<a href=\"/camunda/app/tasklist/default/#/?task&#x3D;" + triage + "\">Triage " + key
        + " · SEV2 · &lt;script&gt;");
    // Slack and email are not configured in the test profile: those notes sit in <details>, not in the timeline.
    int details = body.indexOf("<details id=\"delivery-notes\">");
    assertThat(details).isPositive();
    String timeline = body.substring(body.indexOf("<section id=\"timeline\">"), details);
    String folded = body.substring(details, body.indexOf("</details>"));
    assertThat(timeline).contains("Incident declared via api", "Classified SEV2").doesNotContainIgnoringCase("not configured");
    assertThat(folded).containsIgnoringCase("not configured");
  }

  @Test
  void anUnknownKeyIs404AndTheKeyIsEscaped() {
    Http.Response r = admin.get("/incidents/INC-%3Cb%3Ex%3C%2Fb%3E");
    assertThat(r.status()).isIn(400, 404);
    assertThat(r.body()).doesNotContain("<b>x</b>");
    Http.Response missing = admin.get("/incidents/INC-999999");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("No incident INC-999999");
  }

  @Test
  void onlyWhoMayReadAnIncidentSeesIt() {
    user("sue.support", "support");
    user("rita.responder", "responders");
    user("pat.partner");
    Http sue = admin.as("sue.support", "pw-sue.support");
    Http rita = admin.as("rita.responder", "pw-rita.responder");
    Http pat = admin.as("pat.partner", "pw-pat.partner");
    String hers = declare(sue, "Sue's customer cannot pay", "SEV3");
    String confidential = declare(admin, "Leaked credentials", "SEV2");
    String other = declare(admin, "Other incident", "SEV3");

    // Support reads no incident by default, but sees the one they declared.
    assertThat(sue.get("/incidents/" + hers).status()).isEqualTo(200);
    assertThat(sue.get("/incidents/" + confidential).status()).isEqualTo(404);
    assertThat(sue.get("/incidents/" + confidential).body()).doesNotContain("Leaked credentials");
    assertThat(sue.get("/incidents").body()).contains(hers + "<").doesNotContain("Leaked credentials");
    // Responders read every incident (the seeded READ_INSTANCE on "incident").
    assertThat(rita.get("/incidents/" + confidential).status()).isEqualTo(200);
    assertThat(rita.get("/incidents").body()).contains("Leaked credentials", "Sue&#39;s customer cannot pay");
    // Someone granted READ on one incident's process instance in Camunda Admin sees that one only.
    assertThat(pat.get("/incidents/" + confidential).status()).isEqualTo(404);
    String instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(confidential)
        .processDefinitionKey("incident").singleResult().getId();
    var authorizations = engine.getAuthorizationService();
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId("pat.partner");
    grant.setResource(Resources.PROCESS_INSTANCE);
    grant.setResourceId(instance);
    grant.addPermission(Permissions.READ);
    authorizations.saveAuthorization(grant);
    assertThat(pat.get("/incidents/" + confidential).status()).isEqualTo(200);
    assertThat(pat.get("/incidents/" + other).status()).isEqualTo(404);
    assertThat(pat.get("/incidents").body()).contains("Leaked credentials").doesNotContain("Other incident");
  }

  @Test
  void theApiShowsAnIncidentOnlyToWhoMayReadIt() {
    user("sam.support", "support");
    user("pia.partner");
    Http sam = admin.as("sam.support", "pw-sam.support");
    Http pia = admin.as("pia.partner", "pw-pia.partner");
    String his = declare(sam, "Sam's customer sees errors", "SEV3");
    String confidential = declare(admin, "Exfiltrated backups", "SEV2");

    assertThat(sam.get("/api/incidents/" + his).status()).isEqualTo(200);
    var hidden = sam.get("/api/incidents/" + confidential);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.body()).doesNotContain("Exfiltrated backups");
    assertThat(sam.get("/api/incidents/" + confidential + "/postmortem.md").status()).isEqualTo(404);
    assertThat(sam.get("/api/incidents?limit=1").body()).contains(his).doesNotContain(confidential);
    assertThat(sam.get("/api/incidents").body()).contains(his).doesNotContain("Exfiltrated backups");
    assertThat(pia.get("/api/incidents").body()).doesNotContain(his).doesNotContain(confidential);
    // Responders and admin read every incident.
    assertThat(admin.get("/api/incidents/" + confidential).status()).isEqualTo(200);
    assertThat(admin.get("/api/incidents?limit=500").body()).contains(his, confidential);
  }

  @Test
  void thePageAndTheIndexReadOnAPhoneWithTheTitleAsText() {
    Browser.assumeAvailable();
    String key = declare(admin, SCRIPT_TITLE, "SEV1");
    try (Browser browser = Browser.phone(port)) {
      browser.check("incident-page-phone", () -> {
        browser.getAs("admin", "test-admin", "/incidents/" + key);
        // No alert opened (a script would have run before the title could be read) and the title is text.
        WebElement title = browser.driver().findElement(By.id("title"));
        assertThat(title.getText()).contains("<script>alert(1)</script> Checkout & <b>payments</b>");
        assertThat(browser.driver().findElements(By.cssSelector("#title b, #title script"))).isEmpty();
        assertThat(browser.driver().getTitle()).startsWith(key + " <script>");
        assertThat(((Number) browser.js("return window.innerWidth")).intValue()).isEqualTo(Browser.PHONE_WIDTH);
        assertThat(browser.fitsTheScreen()).as("no sideways scrolling at 375 px").isTrue();
        double fontPx = Double.parseDouble(((String) browser.js(
            "return getComputedStyle(document.querySelector('#timeline .text')).fontSize")).replace("px", ""));
        assertThat(fontPx).isGreaterThanOrEqualTo(16);
        // Delivery notes are folded: closed, so their text is not shown until opened.
        WebElement notes = browser.driver().findElement(By.id("delivery-notes"));
        assertThat(notes.getDomAttribute("open")).isNull();
        assertThat(notes.findElement(By.cssSelector("ol")).isDisplayed()).isFalse();
        browser.forGuide("incident-page-phone");

        browser.getAs("admin", "test-admin", "/incidents");
        assertThat(browser.driver().getTitle()).isEqualTo("Incidents — Firebreak");
        WebElement row = browser.driver().findElement(By.cssSelector("#open a[href='/incidents/" + key + "']"));
        assertThat(row.getText()).contains("<script>alert(1)</script>");
        assertThat(browser.fitsTheScreen()).as("no sideways scrolling at 375 px").isTrue();
        browser.forGuide("incidents-index-phone");
      });
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
