package io.firebreak.web;

import io.firebreak.platform.Templates;

import com.samskivert.mustache.Template;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentService;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.IncidentVisibility;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.oncall.Catalog;
import io.firebreak.oncall.OnCallService;
import io.firebreak.platform.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The incident page for people: {@code GET /incidents/{key}} (summary, severity, phase, roles,
 * links, open tasks with links into Tasklist, the timeline with delivery notes folded away) and
 * {@code GET /incidents} (open and recent incidents). HTML escaped throughout, no external assets,
 * readable on a phone; authenticated like the API (HTTP Basic, {@code SecurityConfiguration}); an incident
 * the user may not read ({@link IncidentVisibility}) is answered as if it did not exist.
 */
@RestController
class IncidentPageController {

  /** Optional variables a model may set on the incident to put a bridge or playbook link on the page. */
  static final String BRIDGE_URL = "bridgeUrl";
  static final String PLAYBOOK_URL = "playbookUrl";
  static final String TASKLIST_TASK = "/camunda/app/tasklist/default/#/?task=";
  private static final int RECENT = 30;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);

  private final IncidentService incidents;
  private final IncidentRepository repository;
  private final IncidentVisibility visibility;
  private final OnCallService onCall;
  private final HistoryService history;
  private final Template page;
  private final Template index;
  private final Template notFound;

  IncidentPageController(IncidentService incidents, IncidentRepository repository, IncidentVisibility visibility,
      OnCallService onCall, HistoryService history) {
    this.incidents = incidents;
    this.repository = repository;
    this.visibility = visibility;
    this.onCall = onCall;
    this.history = history;
    this.page = template("web/incident.html.mustache");
    this.index = template("web/incidents.html.mustache");
    this.notFound = template("web/no-incident.html.mustache");
  }

  /** HTML escaping of every value: titles, descriptions and timeline lines are what people typed. */
  private static Template template(String path) {
    return Templates.htmlPage(path, compiler -> compiler.emptyStringIsFalse(true).zeroIsFalse(true));
  }

  @GetMapping(path = "/incidents", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> index(HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    List<Map<String, Object>> open = new ArrayList<>();
    for (Incident i : incidents.list(Incident.State.OPEN, 200)) {
      if (visibility.mayRead(i, user.id(), user.groups())) {
        open.add(row(i));
      }
    }
    List<Incident> ended = new ArrayList<>(incidents.list(Incident.State.RESOLVED, RECENT));
    ended.addAll(incidents.list(Incident.State.CLOSED, RECENT));
    ended.sort((a, b) -> Long.compare(b.number(), a.number()));
    List<Map<String, Object>> recent = new ArrayList<>();
    for (Incident i : ended) {
      if (recent.size() < RECENT && visibility.mayRead(i, user.id(), user.groups())) {
        recent.add(row(i));
      }
    }
    Map<String, Object> model = new HashMap<>();
    model.put("open", open);
    model.put("recent", recent);
    model.put("user", user.id());
    return html(HttpStatus.OK, index.execute(model));
  }

  @GetMapping(path = "/incidents/{key}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> incident(@PathVariable String key, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    Incident i;
    try {
      i = incidents.get(key);
    } catch (IncidentService.IncidentNotFoundException e) {
      return html(HttpStatus.NOT_FOUND, notFound.execute(Map.of("key", key)));
    }
    if (!visibility.mayRead(i, user.id(), user.groups())) {
      // Not "forbidden": whether a confidential incident exists is itself not for everyone.
      return html(HttpStatus.NOT_FOUND, notFound.execute(Map.of("key", key)));
    }
    Map<String, Object> model = row(i);
    model.put("description", i.description());
    model.put("type", i.type());
    model.put("customerImpact", i.customerImpact());
    model.put("reporter", i.reporter());
    model.put("source", i.source());
    model.put("resolvedAt", time(i.resolvedAt()));
    model.put("closedAt", time(i.closedAt()));
    model.put("roles", roles(i));
    model.put("links", links(i));
    model.put("tasks", incidents.openTasks(key).stream().map(IncidentPageController::task).toList());
    List<Map<String, Object>> timeline = new ArrayList<>();
    List<Map<String, Object>> deliveryNotes = new ArrayList<>();
    for (TimelineEntry e : incidents.timeline(key)) {
      Map<String, Object> line = Map.of("at", time(e.at()), "actor", e.actor() == null ? "" : e.actor(),
          "text", e.text() == null ? "" : e.text(), "kind", e.kind());
      (e.isDeliveryNote() ? deliveryNotes : timeline).add(line);
    }
    model.put("timeline", timeline);
    model.put("deliveryNotes", deliveryNotes);
    model.put("deliveryNoteCount", deliveryNotes.size());
    return html(HttpStatus.OK, page.execute(model));
  }

  private static Map<String, Object> row(Incident i) {
    Map<String, Object> m = new HashMap<>();
    m.put("key", i.key());
    m.put("title", i.title());
    m.put("severity", i.severity());
    m.put("sevClass", i.severity() == null ? "sev" : "sev " + i.severity().toLowerCase(Locale.ROOT));
    m.put("state", i.state().name().toLowerCase(Locale.ROOT));
    m.put("phase", i.phase().label());
    m.put("service", i.service());
    m.put("declaredAt", time(i.declaredAt()));
    return m;
  }

  private static List<Map<String, Object>> roles(Incident i) {
    List<Map<String, Object>> roles = new ArrayList<>();
    role(roles, "Incident commander", i.roles().incidentCommander());
    role(roles, "Communications lead", i.roles().commsLead());
    role(roles, "Scribe", i.roles().scribe());
    role(roles, "Customer liaison", i.roles().customerLiaison());
    return roles;
  }

  private static void role(List<Map<String, Object>> roles, String name, String who) {
    roles.add(Map.of("role", name, "who", who == null || who.isBlank() ? "not assigned" : who,
        "assigned", who != null && !who.isBlank()));
  }

  private List<Map<String, Object>> links(Incident i) {
    List<Map<String, Object>> links = new ArrayList<>();
    String channelId = repository.channelId(i.key()).orElse(null);
    if (i.channelName() != null) {
      links.add(link("Slack channel", "#" + i.channelName(), channelId == null ? null
          : "https://slack.com/app_redirect?channel=" + URLEncoder.encode(channelId, StandardCharsets.UTF_8)));
    }
    Map<String, Object> variables = variables(i);
    if (variables.get(BRIDGE_URL) instanceof String bridge && !bridge.isBlank()) {
      links.add(link("Bridge", bridge, safe(bridge)));
    }
    if (i.service() != null) {
      onCall.catalog().service(i.service()).map(Catalog.Service::runbook).filter(r -> r != null && !r.isBlank())
          .ifPresent(runbook -> links.add(link("Runbook", runbook, safe(runbook))));
    }
    if (variables.get(PLAYBOOK_URL) instanceof String playbook && !playbook.isBlank()) {
      links.add(link("Playbook", playbook, safe(playbook)));
    }
    if (Boolean.TRUE.equals(variables.get(IncidentVariables.POSTMORTEM_REQUIRED.name()))
        || i.phase().ordinal() >= Incident.Phase.POSTMORTEM.ordinal()) {
      String md = "/api/incidents/" + URLEncoder.encode(i.key(), StandardCharsets.UTF_8) + "/postmortem.md";
      links.add(link("Postmortem", i.state() == Incident.State.OPEN ? "draft so far (Markdown)" : "Markdown", md));
    }
    links.add(link("Cockpit", "the incident's process", i.processInstanceId() == null ? null
        : "/camunda/app/cockpit/default/#/process-instance/" + i.processInstanceId()));
    return links;
  }

  /** Only web links are links: a javascript: or data: URL typed into a form stays text. */
  private static String safe(String url) {
    String u = url.strip().toLowerCase(Locale.ROOT);
    return u.startsWith("https://") || u.startsWith("http://") ? url.strip() : null;
  }

  private static Map<String, Object> link(String name, String text, String href) {
    Map<String, Object> m = new HashMap<>();
    m.put("name", name);
    m.put("text", text);
    m.put("href", href);
    return m;
  }

  /** The incident process's own variables (history, so an ended incident has them too). */
  private Map<String, Object> variables(Incident i) {
    Map<String, Object> values = new HashMap<>();
    if (i.processInstanceId() == null) {
      return values;
    }
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
        .processInstanceId(i.processInstanceId())
        .variableNameIn(BRIDGE_URL, PLAYBOOK_URL, IncidentVariables.POSTMORTEM_REQUIRED.name())
        .disableCustomObjectDeserialization().list()) {
      // The incident's own variable wins over a subprocess's local of the same name.
      if (i.processInstanceId().equals(v.getActivityInstanceId()) || !values.containsKey(v.getName())) {
        values.put(v.getName(), v.getValue());
      }
    }
    return values;
  }

  private static Map<String, Object> task(Task t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.getName());
    m.put("assignee", t.getAssignee());
    m.put("due", time(t.getDueDate()));
    m.put("href", TASKLIST_TASK + t.getId());
    return m;
  }

  private static String time(Date date) {
    return date == null ? null : time(date.toInstant());
  }

  private static String time(Instant instant) {
    return instant == null ? null : TIME.format(instant);
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store").body(body);
  }
}
