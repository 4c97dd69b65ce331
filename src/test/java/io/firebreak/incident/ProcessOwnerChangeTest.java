package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import io.firebreak.SupplierType;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A process owner changes the response plan in the DMN and deploys it the way Camunda Modeler does
 * ({@code POST /engine-rest/deployment/create}); the next incident follows the new plan, with no
 * restart and no Java change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProcessOwnerChangeTest {

  @LocalServerPort int port;
  @Autowired IncidentRepository incidents;

  private Http.Response deploy(Http http, String name, String fileName, String content) {
    return deploy(http, name, Map.of(fileName, content));
  }

  /** One deployment of several files, as Modeler's deploy of a changed set or a script does. */
  private Http.Response deploy(Http http, String name, Map<String, String> files) {
    return http.deploy(name, files);
  }

  @Test
  void aRedeployedResponsePlanChangesTheNextIncident() throws Exception {
    Http admin = new Http(port, "admin", "test-admin");
    String shipped = Files.readString(Path.of("processes/response-plan.dmn"));
    // SEV2 status updates every 30 minutes -> every 5 minutes (the first SEV2 rule of the table).
    String changed = shipped.replaceFirst(
        "(<rule id=\"Rule_Sev2\">[\\s\\S]*?<outputEntry id=\"OutputEntry_Sev2_1\"><text>)30(</text>)", "$15$2");
    assertThat(changed).isNotEqualTo(shipped);

    String before = declareSev2(admin);
    assertThat(classification(before)).contains("status updates every 30 min");
    try {
      Http.Response deployed = deploy(admin, "response-plan", "response-plan.dmn", changed);
      assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);

      String after = declareSev2(admin);
      assertThat(classification(after)).contains("status updates every 5 min");
    } finally {
      assertThat(deploy(admin, "response-plan", "response-plan.dmn", shipped).status()).isEqualTo(200);
    }
  }

  /**
   * A new incident type with its own plan: a row in incident-types and a row in response-plan,
   * deployed together through /engine-rest. The API refuses the type before (listing the types
   * deployed then) and accepts it right after, with its plan; no restart.
   */
  @Test
  void aNewIncidentTypeDeployedWithItsPlanIsAcceptedAtOnce() throws Exception {
    Http admin = new Http(port, "admin", "test-admin");
    String shippedTypes = Files.readString(Path.of("processes/incident-types.dmn"));
    String shippedPlan = Files.readString(Path.of("processes/response-plan.dmn"));
    String types = SupplierType.inTypes(shippedTypes);
    // Its own SEV2 row, first in the table: updates every 20 minutes, details kept out of broad messages.
    String plan = SupplierType.inPlan(shippedPlan, 20, true);
    assertThat(types).contains("Rule_Supplier");
    assertThat(plan).contains("Rule_Sev2Supplier");

    Http.Response refused = declare(admin, "supplier");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asText()).isEqualTo(
        "type: must be one of outage, degradation, security, information-governance, clinical-safety, other");
    try {
      Http.Response deployed = deploy(admin, "supplier-type",
          Map.of("incident-types.dmn", types, "response-plan.dmn", plan));
      assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);

      Http.Response accepted = declare(admin, "Vendor");
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
      assertThat(accepted.json().get("type").asText()).isEqualTo("supplier");
      String key = accepted.json().get("key").asText();
      assertThat(classification(key)).contains("Classified SEV2", "status updates every 20 min");
      Incident incident = incidents.find(key).orElseThrow();
      assertThat(incident.type()).isEqualTo("supplier");

      Http.Response stillRefused = declare(admin, "fire");
      assertThat(stillRefused.json().get("detail").asText()).endsWith("clinical-safety, other, supplier");
    } finally {
      assertThat(deploy(admin, "supplier-type", Map.of("incident-types.dmn", shippedTypes,
          "response-plan.dmn", shippedPlan)).status()).isEqualTo(200);
    }
    assertThat(declare(admin, "supplier").status()).isEqualTo(400);
  }

  private Http.Response declare(Http admin, String type) {
    return admin.postJson("/api/incidents", Map.of("title", "Payments provider down", "type", type,
        "proposedSeverity", "SEV2"));
  }

  private String declareSev2(Http admin) {
    Http.Response r = admin.postJson("/api/incidents", Map.of("title", "Search slow", "type", "degradation",
        "proposedSeverity", "SEV2"));
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("key").asText();
  }

  private String classification(String key) {
    return incidents.timeline(key).stream().filter(e -> e.kind().equals("CLASSIFIED")).findFirst().orElseThrow().text();
  }
}
