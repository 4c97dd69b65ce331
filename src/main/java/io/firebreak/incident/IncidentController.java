package io.firebreak.incident;

import io.firebreak.platform.CurrentUser;
import io.firebreak.platform.EngineActions;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/incidents}: declare, list and read incidents; change severity. HTTP Basic; declaring
 * and changing are allowed as Camunda decides ({@link IncidentPermissions}), else 403.
 */
@RestController
@RequestMapping(path = "/api/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentController {

  static final int MAX_LIMIT = 500;

  private final IncidentService incidents;
  private final IncidentPermissions permissions;
  private final IncidentLinks links;
  private final EngineActions engine;
  private final IncidentVisibility visibility;

  IncidentController(IncidentService incidents, IncidentPermissions permissions, IncidentLinks links,
      EngineActions engine, IncidentVisibility visibility) {
    this.incidents = incidents;
    this.permissions = permissions;
    this.links = links;
    this.engine = engine;
    this.visibility = visibility;
  }

  /** The body of {@code POST /api/incidents}; unknown fields are ignored. */
  record DeclareRequest(String title, String description, String service, String type, String proposedSeverity,
      Boolean customerImpact, String reporter) {}

  record SeverityRequest(String severity, String reason) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> declare(@RequestBody DeclareRequest body, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    permissions.requireDeclare(user.id(), user.groups());
    Incident incident = incidents.declare(new IncidentDeclaration(body.title(), body.description(), body.service(),
        body.type(), body.proposedSeverity(), Boolean.TRUE.equals(body.customerImpact()),
        body.reporter() == null || body.reporter().isBlank() ? user.id() : body.reporter(), "api", null));
    return ResponseEntity.created(URI.create("/api/incidents/" + incident.key())).body(detail(incident));
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(required = false) String state,
      @RequestParam(defaultValue = "100") int limit, HttpServletRequest request) {
    Incident.State wanted = null;
    if (state != null && !state.isBlank()) {
      try {
        wanted = Incident.State.valueOf(state.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ApiErrors.BadRequest("state", "must be one of open, resolved, closed");
      }
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ApiErrors.BadRequest("limit", "must be between 1 and " + MAX_LIMIT);
    }
    // Only what the caller may read, as on the incident page: pages of the newest until the limit is met.
    CurrentUser user = CurrentUser.of(request);
    List<Map<String, Object>> readable = new ArrayList<>();
    for (int offset = 0; readable.size() < limit; offset += limit) {
      List<Incident> page = incidents.list(wanted, limit, offset);
      for (Incident i : page) {
        if (readable.size() < limit && visibility.mayRead(i, user.id(), user.groups())) {
          readable.add(summary(i));
        }
      }
      if (page.size() < limit) {
        break;
      }
    }
    return Map.of("incidents", readable);
  }

  @GetMapping("/{key}")
  Map<String, Object> get(@PathVariable String key, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    Map<String, Object> detail = detail(visibility.requireRead(incidents.get(key), user.id(), user.groups()));
    // The ticket, the video bridge and whatever else outbound steps linked (issue 17).
    detail.put("links", links.asMaps(key));
    detail.put("timeline", incidents.timeline(key).stream().map(e -> ApiErrors.map(
        "at", e.at().toString(), "kind", e.kind(), "actor", e.actor(), "text", e.text())).toList());
    detail.put("openTasks", incidents.openTasks(key).stream().map(IncidentController::task).toList());
    return detail;
  }

  @PostMapping(path = "/{key}/severity", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> changeSeverity(@PathVariable String key, @RequestBody SeverityRequest body,
      HttpServletRequest request) {
    if (body.severity() == null || !IncidentDeclaration.SEVERITIES.contains(body.severity().strip().toUpperCase(Locale.ROOT))) {
      throw new ApiErrors.BadRequest("severity", "must be one of SEV1, SEV2, SEV3, SEV4, SEV5");
    }
    if (body.reason() != null && body.reason().length() > 1000) {
      throw new ApiErrors.BadRequest("reason", "must be at most 1000 characters");
    }
    CurrentUser user = CurrentUser.of(request);
    // Decided by the model's rules, which read the incident whole and which the engine's
    // authorizations of this user know nothing of: checked and done as Firebreak.
    return detail(engine.asFirebreak(() -> {
      permissions.require(IncidentAction.SEVERITY, incidents.get(key), user.id(), user.groups());
      return incidents.changeSeverity(key, body.severity(), body.reason(), user.id());
    }));
  }

  /**
   * Acknowledges the incident's page as the caller: the paged person, or a responder taking the page
   * over from them (anyone the model lets acknowledge: assignee or candidate of the open
   * {@code Acknowledge page} task). The same as {@code /incident ack} in Slack.
   */
  @PostMapping(path = "/{key}/acknowledge")
  Map<String, Object> acknowledge(@PathVariable String key, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    // As for severity: the model's rule decides, and the acknowledgement is then done as Firebreak
    // (the paged person may work the task without UPDATE rights on the escalation's instance).
    return detail(engine.asFirebreak(() -> {
      permissions.require(IncidentAction.ACK, incidents.get(key), user.id(), user.groups());
      incidents.acknowledgePage(key, user.id(), "api");
      return incidents.get(key);
    }));
  }

  private static Map<String, Object> summary(Incident i) {
    return ApiErrors.map(
        "key", i.key(),
        "title", i.title(),
        "severity", i.severity(),
        "state", i.state().name().toLowerCase(Locale.ROOT),
        "phase", i.phase().name().toLowerCase(Locale.ROOT),
        "service", i.service(),
        "declaredAt", str(i.declaredAt()));
  }

  private static Map<String, Object> detail(Incident i) {
    Map<String, Object> m = summary(i);
    m.put("description", i.description());
    m.put("type", i.type());
    m.put("proposedSeverity", i.proposedSeverity());
    m.put("customerImpact", i.customerImpact());
    m.put("reporter", i.reporter());
    m.put("source", i.source());
    m.put("fullResponse", i.fullResponse());
    m.put("channel", i.channelName());
    m.put("roles", ApiErrors.map(
        "incidentCommander", i.roles().incidentCommander(),
        "commsLead", i.roles().commsLead(),
        "scribe", i.roles().scribe(),
        "customerLiaison", i.roles().customerLiaison()));
    m.put("resolvedAt", str(i.resolvedAt()));
    m.put("closedAt", str(i.closedAt()));
    m.put("processInstanceId", i.processInstanceId());
    return m;
  }

  private static Map<String, Object> task(Task t) {
    return ApiErrors.map(
        "id", t.getId(),
        "name", t.getName(),
        "taskDefinitionKey", t.getTaskDefinitionKey(),
        "assignee", t.getAssignee(),
        "created", t.getCreateTime() == null ? null : t.getCreateTime().toInstant().toString(),
        "due", t.getDueDate() == null ? null : t.getDueDate().toInstant().toString(),
        "processInstanceId", t.getProcessInstanceId());
  }

  private static String str(Instant instant) {
    return instant == null ? null : instant.toString();
  }

}
