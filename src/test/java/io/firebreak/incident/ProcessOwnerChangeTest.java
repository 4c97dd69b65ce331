package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
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
    String boundary = "----firebreak" + System.nanoTime();
    String body = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name + "\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"deployment-source\"\r\n\r\nCamunda Modeler\r\n"
        + "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"" + fileName + "\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n"
        + "--" + boundary + "--\r\n";
    return http.send(http.request("/engine-rest/deployment/create")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
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
