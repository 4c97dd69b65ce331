package io.firebreak.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebreak.Browser;
import io.firebreak.Http;
import io.firebreak.incident.TestIncidents;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A communications lead schedules maintenance with Tasklist's start form in a real browser: the
 * taglist of components, form-js's date and time pickers and the server's checks, as people use
 * them; what Tasklist submits is what the process accepts, and the window shows as upcoming on the
 * public status page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "firebreak.test.context=tasklist-browser")
@ActiveProfiles("test")
class MaintenanceInTasklistBrowserTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;

  @Test
  void aCommunicationsLeadSchedulesMaintenanceWithTheStartForm() {
    Browser.assumeAvailable();
    var identity = engine.getIdentityService();
    if (identity.createUserQuery().userId("cora.comms").count() == 0) {
      User user = identity.newUser("cora.comms");
      user.setPassword("pw-cora.comms");
      user.setFirstName("Cora");
      user.setLastName("Comms");
      identity.saveUser(user);
      identity.createMembership("cora.comms", "communications");
    }
    String title = "Database <upgrade> " + System.nanoTime();
    // Tomorrow 14:00–16:00 in the browser's zone (the machine's): within the two-day lead time.
    LocalDate day = LocalDate.now().plusDays(1);
    try (Browser browser = Browser.desktop(port)) {
      browser.check("tasklist-schedule-maintenance", () -> {
        browser.tasklistLogin("cora.comms", "pw-cora.comms");
        browser.waitFor(d -> d.findElements(By.xpath("//a[contains(normalize-space(.),'Start process')]")).stream()
            .filter(WebElement::isDisplayed).findFirst().orElse(null)).click();
        browser.waitFor(d -> d.findElements(By.cssSelector("ul.processes a")).stream()
            .filter(a -> a.getText().strip().equals("Planned maintenance")).findFirst().orElse(null)).click();
        field(browser, "Field_MaintenanceTitle").sendKeys(title);
        WebElement components = field(browser, "Field_MaintenanceComponents");
        components.sendKeys("Pay");
        browser.waitFor(d -> d.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream()
            .filter(i -> i.getText().strip().equals("Payments")).findFirst().orElse(null)).click();
        // The list stays open over the fields below; leaving the field closes it (Escape would close the dialog).
        components.sendKeys(Keys.TAB);
        String date = day.format(DateTimeFormatter.ofPattern("MM/dd/yyyy"));
        typeAndLeave(field(browser, "Field_WindowStart-date"), date);
        typeAndLeave(field(browser, "Field_WindowStart-time"), "14:00");
        typeAndLeave(field(browser, "Field_WindowEnd-date"), date);
        typeAndLeave(field(browser, "Field_WindowEnd-time"), "16:00");
        field(browser, "Field_CustomerText").sendKeys("Card payments may be declined for up to 10 minutes.");
        browser.forGuide("tasklist-schedule-maintenance");
        browser.driver().findElement(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']"))
            .click();
        ProcessInstance started = browser.waitFor(d -> engine.getRuntimeService().createProcessInstanceQuery()
            .processDefinitionKey(MaintenanceProcess.KEY).variableValueEquals("maintenanceTitle", title).singleResult());
        assertThat(started.getBusinessKey()).startsWith(MaintenanceProcess.KEY_PREFIX);
        TestIncidents.runJobs(engine.getRuntimeService(), engine.getManagementService(), started.getBusinessKey());

        JsonNode upcoming = new Http(port, null, null).get("/status/api/v2/scheduled-maintenances/upcoming.json").json();
        JsonNode ours = null;
        for (JsonNode m : upcoming.get("scheduled_maintenances")) {
          if (m.get("name").asText().equals(title)) {
            ours = m;
          }
        }
        assertThat(ours).as("%s upcoming in %s", title, upcoming).isNotNull();
        ZoneId zone = ZoneId.systemDefault();
        assertThat(OffsetDateTime.parse(ours.get("scheduled_for").asText()).toInstant())
            .isEqualTo(day.atTime(14, 0).atZone(zone).toInstant());
        assertThat(OffsetDateTime.parse(ours.get("scheduled_until").asText()).toInstant())
            .isEqualTo(day.atTime(16, 0).atZone(zone).toInstant());
        assertThat(ours.get("components").get(0).get("name").asText()).isEqualTo("Payments");
        // The public page shows the title as text.
        String page = new Http(port, null, null).get("/status").body();
        assertThat(page).contains("Database &lt;upgrade&gt;").doesNotContain("Database <upgrade>");
      });
    }
  }

  private static WebElement field(Browser browser, String idSuffix) {
    return browser.waitFor(d -> d.findElements(By.cssSelector(".modal-body [id$='-" + idSuffix + "']")).stream()
        .findFirst().orElse(null));
  }

  /** As a person types into form-js's pickers: the text, then Tab to the next field (closing the picker). */
  private static void typeAndLeave(WebElement input, String text) {
    input.sendKeys(text);
    input.sendKeys(Keys.TAB);
  }
}
