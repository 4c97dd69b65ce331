package io.firebreak.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The hardening around Spring Security, over real HTTP: security headers on Firebreak's answers,
 * the webapps' own CSRF protection, engine authorizations on, only administrators deploy, the
 * request's user is Camunda's authenticated user, cross-site changes refused, {@code /error} a 4xx.
 */
// Its own context: in the context shared with IncidentApiTest and IncidentPermissionsTest the
// webapps' login once answered 500 after those tests (cause not found yet; see the branch report).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "firebreak.test.context=security-hardening")
@ActiveProfiles("test")
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class SecurityHardeningTest {

  private static final String PROBE_BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_DeployProbe" targetNamespace="http://firebreak.io/test">
        <bpmn:process id="deploy-probe" name="Deploy probe" isExecutable="true" camunda:historyTimeToLive="P1D"
            camunda:isStartableInTasklist="false">
          <bpmn:startEvent id="StartEvent_Probe" name="Probe started"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired HistoryService history;
  @Autowired ProcessEngineConfigurationImpl engine;
  Http admin;

  @BeforeEach
  void client() {
    admin = new Http(port, "admin", "test-admin");
  }

  private String person(String prefix, String... groups) {
    String id = prefix + "-" + System.nanoTime();
    User user = identity.newUser(id);
    user.setPassword("pw-" + id);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    return id;
  }

  @Test
  void firebreaksOwnAnswersCarryTheSecurityHeaders() {
    for (Http.Response r : List.of(admin.get("/oncall"), admin.get("/api/incidents"),
        new Http(port, null, null).get("/api/incidents"), new Http(port, null, null).get("/oncall"),
        new Http(port, null, null).get("/actuator/health"))) {
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'");
      // Nothing from anywhere else: every source is 'self', a keyword or data: for images.
      for (String directive : csp.split(";")) {
        for (String source : directive.strip().split("\\s+")) {
          if (!source.endsWith("-src") && !source.endsWith("-action") && !source.endsWith("-ancestors")
              && !source.equals("base-uri")) {
            assertThat(source).as(directive).isIn("'self'", "'none'", "'unsafe-inline'", "data:");
          }
        }
      }
      assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).isPresent();
    }
    // The on-call page renders under its own policy: one inline style block, no scripts, no remote parts.
    String page = admin.get("/oncall").body();
    assertThat(page).doesNotContain("<script", "src=\"http", "<link");
  }

  @Test
  void theWebappsKeepTheirCsrfProtection() {
    FromAddress browser = new FromAddress("127.0.0.1", port);
    String create = "/camunda/api/engine/engine/default/filter/create";
    String filter = "{\"resourceType\":\"Task\",\"name\":\"CSRF probe\",\"query\":{},\"properties\":{}}";

    // A logged-in webapp session with its token may change things …
    Map<String, String> cookies = webappSession(browser);
    FromAddress.Response genuine = browser.send("POST", create, Map.of("Content-Type", "application/json",
        "Cookie", header(cookies), "X-XSRF-TOKEN", cookies.get("XSRF-TOKEN")), filter);
    assertThat(genuine.status()).as(genuine.body()).isEqualTo(200);
    int filters = admin.get("/engine-rest/filter?name=CSRF%20probe").json().size();

    // … the same call without the token is refused by Camunda's CSRF filter, which also ends the session.
    FromAddress.Response forged = browser.send("POST", create,
        Map.of("Content-Type", "application/json", "Cookie", header(cookies)), filter);
    assertThat(forged.status()).as(forged.body()).isEqualTo(403);
    assertThat(forged.headers().get("x-xsrf-token")).isEqualTo("Required");
    assertThat(browser.send("GET", "/camunda/api/engine/engine/default/filter/count",
        Map.of("Cookie", header(cookies)), null).status()).isEqualTo(401);

    // A wrong token is refused too.
    cookies = webappSession(browser);
    FromAddress.Response wrongToken = browser.send("POST", create, Map.of("Content-Type", "application/json",
        "Cookie", header(cookies), "X-XSRF-TOKEN", "0123456789ABCDEF0123456789ABCDEF"), filter);
    assertThat(wrongToken.status()).isEqualTo(403);
    assertThat(admin.get("/engine-rest/filter?name=CSRF%20probe").json()).hasSize(filters);
    for (var created : admin.get("/engine-rest/filter?name=CSRF%20probe").json()) {
      admin.send(admin.request("/engine-rest/filter/" + created.get("id").asText()).DELETE());
    }
  }

  /** Logs in to Tasklist as a browser does; the session's cookies, XSRF-TOKEN among them. */
  private static Map<String, String> webappSession(FromAddress browser) {
    Map<String, String> cookies = new java.util.LinkedHashMap<>();
    remember(cookies, browser.get("/camunda/app/tasklist/default/", null));
    FromAddress.Response login = browser.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", header(cookies),
            "X-XSRF-TOKEN", cookies.get("XSRF-TOKEN")), "username=admin&password=test-admin");
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    remember(cookies, login);
    // Like Tasklist, read before writing: the logged-in session gets its own token.
    FromAddress.Response read = browser.send("GET", "/camunda/api/engine/engine/default/filter/count",
        Map.of("Cookie", header(cookies)), null);
    assertThat(read.status()).isEqualTo(200);
    remember(cookies, read);
    return cookies;
  }

  private static void remember(Map<String, String> cookies, FromAddress.Response response) {
    for (String cookie : response.headers().getOrDefault("set-cookie", "").split("\n")) {
      String pair = cookie.split(";", 2)[0].trim();
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
  }

  private static String header(Map<String, String> cookies) {
    return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  @Test
  void engineAuthorizationsStayOnAndOnlyAdministratorsDeploy() {
    assertThat(engine.isAuthorizationEnabled()).isTrue();
    String commander = person("commander", "incident-commanders", "responders", "leadership");
    Http.Response refused = admin.as(commander, "pw-" + commander).deploy("probe", Map.of("deploy-probe.bpmn", PROBE_BPMN));
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(admin.get("/engine-rest/process-definition?key=deploy-probe").json()).isEmpty();

    Http.Response deployed = admin.deploy("probe", Map.of("deploy-probe.bpmn", PROBE_BPMN));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    assertThat(admin.get("/engine-rest/process-definition?key=deploy-probe").json()).hasSize(1);
  }

  @Test
  void theApiUserIsCamundasAuthenticatedUserForTheRequest() {
    String supporter = person("supporter", "support");
    Http.Response declared = admin.as(supporter, "pw-" + supporter).postJson("/api/incidents",
        Map.of("title", "Checkout slow", "proposedSeverity", "SEV4"));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    String instance = declared.json().get("processInstanceId").asText();
    // The engine recorded who started it, and checked that user's permission to start it.
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getStartUserId())
        .isEqualTo(supporter);
    // A support person's engine authorizations apply: they do not read the incident's tasks.
    Http.Response read = admin.as(supporter, "pw-" + supporter).get("/api/incidents/" + declared.json().get("key").asText());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("openTasks")).isEmpty();
    assertThat(admin.get("/api/incidents/" + declared.json().get("key").asText()).json().get("openTasks")).isNotEmpty();
  }

  @Test
  void aBrowsersCrossSiteChangeIsRefusedEvenWithACachedLogin() {
    Http.Response forged = admin.send(admin.request("/api/incidents").header("Content-Type", "application/json")
        .header("Sec-Fetch-Site", "cross-site").header("Origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"forged\"}")));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().get("error").asText()).isEqualTo("forbidden");
    Http.Response own = admin.send(admin.request("/api/incidents").header("Content-Type", "application/json")
        .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"genuine\"}")));
    assertThat(own.status()).as(own.body()).isEqualTo(201);
  }

  @Test
  void theErrorPathIsA4xxForEveryone() {
    Http.Response anonymous = new Http(port, null, null).get("/error");
    assertThat(anonymous.status()).isEqualTo(401);
    for (String path : List.of("/error", "/error/x")) {
      Http.Response r = admin.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("error").asText()).isEqualTo("not_found");
    }
    Http.Response post = admin.postJson("/error", Map.of());
    assertThat(post.status()).isEqualTo(404);
    // Real errors still render through it: an unknown incident, a path that does not exist.
    assertThat(admin.get("/api/incidents/INC-424242").status()).isEqualTo(404);
    assertThat(admin.get("/no/such/page").status()).isEqualTo(404);
  }
}
