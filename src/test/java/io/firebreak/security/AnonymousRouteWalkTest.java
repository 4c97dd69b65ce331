package io.firebreak.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.Http;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.rest.impl.DefaultProcessEngineRestServiceImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Walks every route the application has — every controller and actuator mapping (all
 * {@link RequestMappingInfoHandlerMapping}s, so pages and endpoints added later are walked too),
 * the webapps, every top-level {@code /engine-rest} resource (from Camunda's JAX-RS root resource)
 * and unknown or tricky paths — anonymously, and proves that only {@code /actuator/health},
 * {@code /status/**} and the welcome redirect answer; the intake endpoints want their token or
 * signature; everything else is refused (401/403), the webapps' pages being only the login shell.
 * No anonymous answer contains a word of a real incident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Metrics export on (as shipped), so /actuator/prometheus exists to be walked; the same context as IncidentApiTest.
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class AnonymousRouteWalkTest {

  private static final Pattern PUBLIC = Pattern.compile("/actuator/health(/.*)?|/status(/.*)?");
  private static final Pattern INTAKE = Pattern.compile("/api/(alerts|slack)/.*");

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  record Route(String method, String path) {}

  @Test
  void nothingButHealthStatusAndTheSignedOrTokenedIntakeAnswersAnonymousCalls() {
    Http admin = new Http(port, "admin", "test-admin");
    String canary = "Route walk canary " + System.nanoTime();
    Http.Response declared = admin.postJson("/api/incidents", Map.of("title", canary, "description", canary,
        "proposedSeverity", "SEV4"));
    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    String key = declared.json().get("key").asText();

    Set<String> mapped = new TreeSet<>();
    Set<Route> routes = mappedRoutes(key, mapped);
    // The walk really covers the application: Firebreak's API and pages, the actuator, the error page.
    assertThat(mapped).contains("/api/incidents", "/api/incidents/{key}/severity", "/oncall", "/api/oncall",
        "/api/alerts/alertmanager", "/api/slack/commands", "/actuator/prometheus", "/actuator/health", "/error");
    walkRest(routes, canary, key, mapped);
  }

  /**
   * The same mappings as people of one group each, with their engine authorizations applying: a
   * refusal or an empty answer is fine, a server error is not.
   */
  @Test
  void everyMappedRouteAnswersPeopleOfEachGroupWithoutAServerError() {
    Http admin = new Http(port, "admin", "test-admin");
    String key = admin.postJson("/api/incidents", Map.of("title", "Walk as people", "proposedSeverity", "SEV3"))
        .json().get("key").asText();
    List<String> failures = new ArrayList<>();
    for (String group : List.of("support", "responders", "leadership", "camunda-admin")) {
      String id = group + "-walker-" + System.nanoTime();
      org.camunda.bpm.engine.identity.User user = identity.newUser(id);
      user.setPassword("pw-" + id);
      identity.saveUser(user);
      identity.createMembership(id, group);
      Http person = new Http(port, id, "pw-" + id);
      for (Route route : mappedRoutes(key, new TreeSet<>())) {
        if (!route.method().equals("GET") || INTAKE.matcher(route.path()).matches()) {
          continue;
        }
        Http.Response r = person.get(route.path());
        if (r.status() >= 500) {
          failures.add(group + ": GET " + route.path() + " -> " + r.status() + " " + abbreviate(r.body()));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Autowired org.camunda.bpm.engine.IdentityService identity;

  private Set<Route> mappedRoutes(String key, Set<String> mapped) {
    Set<Route> routes = new LinkedHashSet<>();
    context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
        mapping.getHandlerMethods().keySet().forEach(info -> {
          for (String pattern : info.getPatternValues()) {
            String path = concrete(pattern, key);
            mapped.add(pattern);
            for (String method : methods(info)) {
              routes.add(new Route(method, path));
            }
          }
        }));
    return routes;
  }

  private void walkRest(Set<Route> routes, String canary, String key, Set<String> mapped) {
    for (String app : List.of("", "tasklist/", "tasklist/default/", "cockpit/default/", "admin/default/",
        "welcome/default/", "cockpit/default/#/processes")) {
      routes.add(new Route("GET", "/camunda/app/" + app));
    }
    for (String api : List.of("engine/engine/default/process-definition", "engine/engine/default/task",
        "engine/engine/default/process-instance", "engine/engine/default/history/process-instance",
        "engine/engine/default/user", "engine/engine/default/authorization", "engine/engine/default/deployment",
        "engine/engine/default/incident", "admin/auth/user/default", "cockpit/plugin/base/default/process-definition/statistics",
        "engine/engine/default/filter", "engine/engine/default/group", "engine/engine/default/job")) {
      routes.add(new Route("GET", "/camunda/api/" + api));
    }
    routes.add(new Route("POST", "/camunda/api/engine/engine/default/process-definition/key/incident/start"));
    routes.add(new Route("POST", "/camunda/api/engine/engine/default/deployment/create"));
    for (String resource : engineRestResources()) {
      routes.add(new Route("GET", "/engine-rest" + resource));
    }
    routes.add(new Route("POST", "/engine-rest/deployment/create"));
    routes.add(new Route("POST", "/engine-rest/process-definition/key/incident/start"));
    routes.add(new Route("GET", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + key));
    for (String unknown : List.of("/nope", "/api/nope", "/api/incidents/" + key + "/nope", "/actuator/nope",
        "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator", "/incidents", "/incidents/" + key,
        "/playbooks", "/playbooks/x", "/statusx", "/status-admin", "/API/INCIDENTS", "/api/incidents/",
        "/api/incidents;x=y", "/api/alerts/../incidents", "/api/alerts/%2e%2e/incidents", "/oncall/",
        "/actuator/health/../prometheus", "/h2-console", "/favicon.ico", "/index.html", "/engine-rest2", "/camunda")) {
      routes.add(new Route("GET", unknown));
      routes.add(new Route("POST", unknown));
    }

    List<String> failures = new ArrayList<>();
    int walked = 0;
    for (Route route : routes) {
      Http.Response r = anonymous(route);
      walked++;
      String verdict = verdict(route, r, canary, key);
      if (verdict != null) {
        failures.add(route.method() + " " + route.path() + " -> " + r.status() + ": " + verdict);
      }
    }
    System.out.println("Anonymous route walk: " + walked + " calls over " + mapped.size() + " mapped patterns, "
        + engineRestResources().size() + " engine-rest resources; refused as required: " + (walked - failures.size()));
    assertThat(failures).as("anonymous routes beyond the allowed ones").isEmpty();
    assertThat(walked).isGreaterThan(100);
  }

  /** null when the answer is what an anonymous caller may get for that route; else why not. */
  private static String verdict(Route route, Http.Response r, String canary, String key) {
    String path = route.path().replaceAll("[?;].*", "");
    if (r.body().contains(canary) || r.body().contains(key + "\"") || r.body().contains("incident-commanders")) {
      return "leaks data: " + abbreviate(r.body());
    }
    if (r.status() >= 500) {
      return "server error";
    }
    if (PUBLIC.matcher(path).matches() || route.path().equals("/") && route.method().equals("GET")) {
      return null;
    }
    if (INTAKE.matcher(path).matches() && !path.contains("..") && !path.contains("%2e")) {
      return r.status() == 401 ? null : "intake without token or signature must be 401";
    }
    if (path.startsWith("/camunda/app/") && route.method().equals("GET") && r.status() == 200) {
      // The webapps' single-page shell: it shows their login form and holds no data (checked above).
      String type = r.headers().firstValue("Content-Type").orElse("");
      return type.startsWith("text/html") ? null : "webapp page that is not the HTML shell: " + type;
    }
    if (r.status() == 401 || r.status() == 403) {
      return null;
    }
    if (r.status() >= 300 && r.status() < 400) {
      String location = r.headers().firstValue("Location").orElse("");
      return location.contains("/camunda/app/") ? null : "redirect elsewhere than the webapps' login: " + location;
    }
    // The firewall's refusal of a traversal or an encoded dot, before any authentication.
    if (r.status() == 400 && (path.contains("..") || path.contains("%2e") || route.path().contains(";"))) {
      return null;
    }
    // Camunda's "who is logged in" answers 404 to nobody logged in; its webapps route the rest themselves.
    if (r.status() == 404 && route.path().startsWith("/camunda/")) {
      return null;
    }
    return "not refused: " + abbreviate(r.body());
  }

  private Http.Response anonymous(Route route) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + route.path()));
    if (route.method().equals("GET")) {
      builder.GET();
    } else {
      builder.method(route.method(), HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
    }
    return new Http(port, null, null).send(builder);
  }

  private static Set<String> methods(RequestMappingInfo info) {
    Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
    if (declared.isEmpty()) {
      return Set.of("GET", "POST");
    }
    Set<String> methods = new LinkedHashSet<>();
    declared.forEach(m -> methods.add(m.name()));
    return methods;
  }

  /** A mapping pattern as a concrete path: the incident key, an id or a word for each variable. */
  private static String concrete(String pattern, String key) {
    return pattern.replace("{key}", key).replaceAll("\\{\\*[^}]+}", "x").replaceAll("\\{[^}]*id[^}]*}", "1")
        .replaceAll("\\{[^}]+}", "x").replace("/**", "/x").replace("*", "x");
  }

  /** Every top-level resource of Camunda's REST API, as its JAX-RS root resource declares them. */
  static Set<String> engineRestResources() {
    Set<String> paths = new TreeSet<>();
    for (Class<?> c = DefaultProcessEngineRestServiceImpl.class; c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        Path p = m.getAnnotation(Path.class);
        if (p != null) {
          paths.add(p.value().startsWith("/") ? p.value() : "/" + p.value());
        }
      }
      for (Class<?> i : c.getInterfaces()) {
        for (Method m : i.getDeclaredMethods()) {
          Path p = m.getAnnotation(Path.class);
          if (p != null) {
            paths.add(p.value().startsWith("/") ? p.value() : "/" + p.value());
          }
        }
      }
    }
    return paths;
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}
