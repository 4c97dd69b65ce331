package io.firebreak.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Browser;
import io.firebreak.Http;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tasklist as its users meet it: the shared filters over {@code /engine-rest/filter} (who reads
 * which, their columns and order, what they list), and a support user declaring with the start form
 * in a real Chromium, who is shown the new incident's key and a link to its page.
 */
// The Tasklist browser tests share a context of their own (found later: the 500s seen in the shared
// context came from the webapps' static runtime delegates a closed context cleared; EngineRegistration
// now restores them).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "firebreak.test.context=tasklist-browser")
@ActiveProfiles("test")
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class TasklistTest {

  static final List<String> SHARED = List.of("My incident tasks", "Unassigned SEV1–2", "Communications due",
      "Postmortems and action items", "Leadership");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired IncidentRepository incidents;
  @Autowired TasklistFilters seeding;
  Http admin;

  @BeforeEach
  void clients() {
    admin = new Http(port, "admin", "test-admin");
    user("sam.support", "support");
    user("lee.leader", "leadership");
    user("ian.commander", "incident-commanders");
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

  private Http as(String id) {
    return admin.as(id, "pw-" + id);
  }

  private static List<String> names(JsonNode filters) {
    return StreamSupport.stream(filters.spliterator(), false).map(f -> f.get("name").asText()).toList();
  }

  private JsonNode filter(String name) {
    JsonNode all = admin.get("/engine-rest/filter?resourceType=Task").json();
    return StreamSupport.stream(all.spliterator(), false).filter(f -> f.get("name").asText().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no filter " + name + " in " + names(all)));
  }

  @Test
  void theSharedFiltersShowWhatMattersDueFirstToTheRightGroups() {
    assertThat(names(admin.get("/engine-rest/filter?resourceType=Task").json())).containsAll(SHARED);
    for (String name : SHARED) {
      JsonNode f = filter(name);
      assertThat(f.get("properties").get("variables")).extracting(v -> v.get("name").asText())
          .as(name).containsExactly("incidentKey", "severity", "title", "service");
      assertThat(f.get("query").get("sorting").get(0).get("sortBy").asText()).as(name).isEqualTo("dueDate");
      assertThat(f.get("query").get("sorting").get(0).get("sortOrder").asText()).as(name).isEqualTo("asc");
    }
    // Readable by the groups they are for.
    assertThat(names(as("lee.leader").get("/engine-rest/filter?resourceType=Task").json()))
        .contains("Leadership", "Postmortems and action items", "Communications due", "My incident tasks");
    assertThat(names(as("sam.support").get("/engine-rest/filter?resourceType=Task").json()))
        .contains("My incident tasks").doesNotContain("Leadership", "Unassigned SEV1–2", "Communications due");
    assertThat(names(as("ian.commander").get("/engine-rest/filter?resourceType=Task").json()))
        .contains("Unassigned SEV1–2", "Communications due").doesNotContain("Leadership");

    // "Unassigned SEV1–2" lists the SEV1 triage for an incident commander, not the SEV3 one.
    String sev1 = declare("Everything down", "SEV1");
    String sev3 = declare("One report slow", "SEV3");
    JsonNode listed = as("ian.commander").postJson("/engine-rest/filter/" + filter("Unassigned SEV1–2").get("id")
        .asText() + "/list", Map.of()).json();
    List<String> keys = new ArrayList<>();
    for (JsonNode task : listed) {
      keys.add(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(task.get("processInstanceId")
          .asText()).singleResult().getBusinessKey() + " " + task.get("name").asText());
    }
    // Task names carry the incident: "Triage INC-4 · SEV1 · Everything down".
    assertThat(keys).anyMatch(k -> k.startsWith(sev1 + " Triage " + sev1 + " · SEV1"))
        .noneMatch(k -> k.startsWith(sev3 + " Triage"));
  }

  @Test
  void theFiltersAreCreatedOnceAndAnOwnersEditStays() {
    Filter leadership = engine.getFilterService().createFilterQuery().filterName("Leadership").singleResult();
    long before = engine.getFilterService().createFilterQuery().count();
    leadership.setName("Leadership reviews");
    engine.getFilterService().saveFilter(leadership);
    try {
      seeding.afterSingletonsInstantiated(); // what every restart runs
      assertThat(engine.getFilterService().createFilterQuery().count()).isEqualTo(before);
      assertThat(engine.getFilterService().createFilterQuery().filterName("Leadership").count()).isZero();
    } finally {
      leadership.setName("Leadership");
      engine.getFilterService().saveFilter(leadership);
    }
  }

  private String declare(String title, String severity) {
    Http.Response r = admin.postJson("/api/incidents", Map.of("title", title, "type", "outage",
        "proposedSeverity", severity));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String key = r.json().get("key").asText();
    // No job executor in the test profile: run the declaration's steps up to the triage task.
    for (int round = 0; round < 50; round++) {
      List<org.camunda.bpm.engine.runtime.Job> due = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(key).list().stream().flatMap(pi -> engine.getManagementService()
              .createJobQuery().processInstanceId(pi.getId()).executable().active().list().stream()).toList();
      if (due.isEmpty()) {
        return key;
      }
      due.forEach(j -> engine.getManagementService().executeJob(j.getId()));
    }
    throw new IllegalStateException("jobs keep coming");
  }

  @Test
  void aSupportUserDeclaresWithTheStartFormAndSeesTheKey() {
    Browser.assumeAvailable();
    String title = "Customer <cannot> log in " + System.nanoTime();
    try (Browser browser = Browser.desktop(port)) {
      browser.check("tasklist-declared", () -> {
        browser.tasklistLogin("sam.support", "pw-sam.support");
        browser.waitFor(d -> d.findElements(By.xpath("//a[contains(normalize-space(.),'Start process')]")).stream()
            .filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
        browser.waitFor(d -> d.findElements(By.cssSelector("ul.processes a")).stream()
            .filter(a -> a.getText().strip().equals("Incident")).findFirst().orElse(null)).click();
        WebElement titleField = browser.waitFor(d -> d.findElements(By.xpath("//div[contains(@class,'modal-body')]"
            + "//label[contains(normalize-space(.),'What is wrong?')]/following::input[1]")).stream().findFirst().orElse(null));
        titleField.sendKeys(title);
        browser.forGuide("tasklist-declare-incident");
        browser.driver().findElement(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']"))
            .click();
        WebElement key = browser.waitFor(d -> d.findElements(By.id("firebreak-declared-key")).stream().findFirst()
            .orElse(null));
        Incident declared = incidents.list(null, 20).stream().filter(i -> i.title().equals(title)).findFirst()
            .orElseThrow(() -> new AssertionError("no incident " + title));
        assertThat(key.getText()).isEqualTo(declared.key());
        WebElement link = browser.driver().findElement(By.id("firebreak-declared-link"));
        assertThat(link.getDomAttribute("href")).isEqualTo("/incidents/" + declared.key());
        assertThat(browser.driver().findElement(By.id("firebreak-declared")).getText())
            .contains("Incident " + declared.key() + " declared");
        browser.forGuide("tasklist-declared-key");

        // The link opens the incident page, which the support user may see: they declared it.
        browser.getAs("sam.support", "pw-sam.support", "/incidents/" + declared.key());
        assertThat(browser.driver().findElement(By.id("title")).getText()).contains(title);
      });
    }
  }
}
