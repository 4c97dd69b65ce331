package io.firebreak.statuspage;

import io.firebreak.platform.Templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Template;
import io.firebreak.statuspage.StatusPageDocuments.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public status page: {@code GET /status} (HTML, no login, no external assets, readable on a
 * phone) and Statuspage's v2 JSON under {@code /status/api/v2/}. Anonymous on purpose: it shows
 * only what people approved for customers ({@link StatusPageDocuments}). Cacheable for
 * {@code firebreak.status-page.max-age}.
 */
@RestController
class StatusPageController {

  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

  private final StatusPageDocuments documents;
  private final StatusPageProperties properties;
  // Its own mapper: Statuspage clients expect every field, null ones too, whatever the app's Jackson settings.
  private final ObjectMapper json = new ObjectMapper();
  private final Template page;

  StatusPageController(StatusPageDocuments documents, StatusPageProperties properties) {
    this.documents = documents;
    this.properties = properties;
    this.page = Templates.htmlPage("statuspage/status.html.mustache");
  }

  /** The documents rendered from one snapshot, so that a busy second renders each once. */
  private record Rendered(Snapshot snapshot, Map<String, String> bodies) {}

  private volatile Rendered rendered;

  private String render(String name, Function<Snapshot, String> renderer) {
    Snapshot s = documents.snapshot();
    Rendered r = rendered;
    if (r == null || r.snapshot() != s) {
      r = new Rendered(s, new java.util.concurrent.ConcurrentHashMap<>());
      rendered = r;
    }
    return r.bodies().computeIfAbsent(name, n -> renderer.apply(s));
  }

  @GetMapping({"/status", "/status/"})
  ResponseEntity<String> html() {
    return ResponseEntity.ok().cacheControl(cache()).contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
        .body(render("html", this::page));
  }

  private String page(Snapshot s) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", properties.name());
    model.put("status", s.status());
    model.put("indicator", s.status().get("indicator"));
    model.put("components", s.components().stream().map(c -> Map.of(
        "name", c.get("name"), "status", c.get("status"), "label", PublicStatus.label((String) c.get("status"))))
        .toList());
    model.put("open", shown(s.unresolved()));
    List<Map<String, Object>> resolved = new ArrayList<>(s.incidents());
    resolved.removeAll(s.unresolved());
    model.put("resolved", shown(resolved));
    model.put("hasOpen", !s.unresolved().isEmpty());
    model.put("hasResolved", !resolved.isEmpty());
    List<Map<String, Object>> planned = new ArrayList<>(s.active());
    planned.addAll(s.upcoming());
    model.put("maintenances", maintenancesShown(planned));
    model.put("hasMaintenances", !planned.isEmpty());
    model.put("resolvedDays", properties.resolvedDays());
    model.put("updatedAt", shownTime((String) s.page().get("updated_at")));
    return page.execute(model);
  }

  @GetMapping("/status/api/v2/summary.json")
  ResponseEntity<String> summary() {
    return json("summary", documents::summary);
  }

  @GetMapping("/status/api/v2/status.json")
  ResponseEntity<String> status() {
    return json("status", documents::status);
  }

  @GetMapping("/status/api/v2/components.json")
  ResponseEntity<String> components() {
    return json("components", documents::components);
  }

  @GetMapping("/status/api/v2/incidents.json")
  ResponseEntity<String> incidents() {
    return json("incidents", s -> documents.incidents(s, false));
  }

  @GetMapping("/status/api/v2/incidents/unresolved.json")
  ResponseEntity<String> unresolved() {
    return json("unresolved", s -> documents.incidents(s, true));
  }

  @GetMapping("/status/api/v2/scheduled-maintenances.json")
  ResponseEntity<String> maintenances() {
    return json("maintenances", s -> documents.maintenances(s, StatusPageDocuments.Maintenances.ALL));
  }

  @GetMapping("/status/api/v2/scheduled-maintenances/upcoming.json")
  ResponseEntity<String> upcomingMaintenances() {
    return json("upcoming-maintenances", s -> documents.maintenances(s, StatusPageDocuments.Maintenances.UPCOMING));
  }

  @GetMapping("/status/api/v2/scheduled-maintenances/active.json")
  ResponseEntity<String> activeMaintenances() {
    return json("active-maintenances", s -> documents.maintenances(s, StatusPageDocuments.Maintenances.ACTIVE));
  }

  private ResponseEntity<String> json(String name, Function<Snapshot, Map<String, Object>> document) {
    String body = render(name, s -> {
      try {
        return json.writeValueAsString(document.apply(s));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    });
    // Widgets on customers' own sites read it from their pages.
    return ResponseEntity.ok().cacheControl(cache()).contentType(MediaType.APPLICATION_JSON)
        .header("Access-Control-Allow-Origin", "*").body(body);
  }

  private CacheControl cache() {
    return CacheControl.maxAge(properties.maxAge()).cachePublic();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> shown(List<Map<String, Object>> incidents) {
    return incidents.stream().map(i -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", i.get("id"));
      m.put("name", i.get("name"));
      m.put("status", PublicStatus.label((String) i.get("status")));
      m.put("impact", i.get("impact"));
      List<String> names = ((List<Map<String, Object>>) i.get("components")).stream()
          .map(c -> (String) c.get("name")).toList();
      m.put("componentNames", String.join(", ", names));
      m.put("hasComponents", !names.isEmpty());
      m.put("updates", ((List<Map<String, Object>>) i.get("incident_updates")).stream().map(u -> Map.of(
          "status", PublicStatus.label((String) u.get("status")), "body", u.get("body"),
          "at", shownTime((String) u.get("created_at")))).toList());
      return m;
    }).toList();
  }

  /** Upcoming and active maintenance as the page shows it; the template escapes every value. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maintenancesShown(List<Map<String, Object>> maintenances) {
    return maintenances.stream().map(m -> {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("id", m.get("id"));
      shown.put("name", m.get("name"));
      shown.put("status", PublicStatus.label((String) m.get("status")));
      shown.put("from", shownTime((String) m.get("scheduled_for")));
      shown.put("until", shownTime((String) m.get("scheduled_until")));
      List<String> names = ((List<Map<String, Object>>) m.get("components")).stream()
          .map(c -> (String) c.get("name")).toList();
      shown.put("componentNames", String.join(", ", names));
      shown.put("hasComponents", !names.isEmpty());
      shown.put("updates", ((List<Map<String, Object>>) m.get("incident_updates")).stream().map(u -> Map.of(
          "status", PublicStatus.label((String) u.get("status")), "body", u.get("body"),
          "at", shownTime((String) u.get("created_at")))).toList());
      return shown;
    }).toList();
  }

  private static String shownTime(String iso) {
    return iso == null ? "" : SHOWN.format(OffsetDateTime.parse(iso));
  }
}
