package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import io.firebreak.ShortBody;
import java.util.Base64;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code POST /api/incidents} reads its body as strictly as the alert endpoints (issue 18): one JSON
 * document and nothing after it, the whole announced body, no NUL or lone surrogate stored; lengths
 * counted as people count characters. Same configuration as {@link IncidentApiTest} (shared context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class StrictBodiesTest {

  @LocalServerPort int port;
  @Autowired IncidentRepository incidents;
  Http admin;

  @BeforeEach
  void client() {
    admin = new Http(port, "admin", "test-admin");
  }

  private int count() {
    return incidents.list(null, 500).size();
  }

  @ParameterizedTest(name = "{0} -> 400 {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"title\":\"x\"} xyz                            | not a JSON object",
      "{\"title\":\"x\"}{\"title\":\"y\"}               | nothing after it",
      "{\"title\":\"x\"} {}                             | nothing after it",
      "{\"title\":\"a\\u0000b\"}                        | title: must not contain a NUL character",
      "{\"title\":\"a\\ud800b\"}                        | title: must not contain a lone UTF-16 surrogate",
      "{\"title\":\"x\",\"description\":\"\\udc00\"}    | description: must not contain a lone UTF-16 surrogate",
  })
  void bodiesTheAlertEndpointsRefuseAreRefusedHereTooAndNothingIsStored(String body, String detail) {
    int before = count();
    Http.Response r = admin.post("/api/incidents", "application/json", body);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("detail").asText()).contains(detail);
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void theTitleLimitCountsCharactersNotUtf16Units() {
    String fire = "\uD83D\uDD25"; // one character, two UTF-16 units
    Http.Response ok = admin.postJson("/api/incidents", Map.of("title", fire.repeat(200), "proposedSeverity", "SEV5"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(ok.json().get("title").asText()).isEqualTo(fire.repeat(200));
    Http.Response tooLong = admin.postJson("/api/incidents", Map.of("title", fire.repeat(201)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("detail").asText()).contains("title: must be at most 200 characters");
  }

  @Test
  void aBodyShorterThanItsContentLengthIsRefused() throws Exception {
    int before = count();
    String basic = "Basic " + Base64.getEncoder().encodeToString("admin:test-admin".getBytes(StandardCharsets.UTF_8));
    String answer = ShortBody.post(port, "/api/incidents", basic, "{\"title\":\"cut short\"}", 200);
    assertThat(answer).startsWith("HTTP/1.1 400").contains("\"error\"");
    assertThat(count()).isEqualTo(before);
  }
}
