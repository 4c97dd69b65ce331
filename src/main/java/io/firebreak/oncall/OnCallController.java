package io.firebreak.oncall;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.firebreak.oncall.Catalog.Service;
import io.firebreak.oncall.EscalationPlan.Step;
import io.firebreak.oncall.OnCallService.PageTarget;
import io.firebreak.security.FirebreakGroups;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The on-call page for people ({@code GET /oncall}, HTML that reads on a phone), the same as JSON
 * ({@code GET /api/oncall}), the dry run of an escalation ({@code GET /api/oncall/dry-run}) and the
 * acknowledge link of a page ({@code GET /oncall/acknowledge/{key}} → the Tasklist task). All
 * authenticated (HTTP Basic, {@code ApiAuthenticationFilter}); the time is the engine clock.
 */
@RestController
class OnCallController {

  private static final String RESPONSE_PLAN = "response-plan";

  private final OnCallBoard board;
  private final OnCallService onCall;
  private final DecisionService decisions;
  private final IdentityService identity;
  private final TaskService tasks;
  private final Template page;
  private final Template noPage;

  OnCallController(OnCallBoard board, OnCallService onCall, DecisionService decisions, IdentityService identity,
      TaskService tasks) {
    this.board = board;
    this.onCall = onCall;
    this.decisions = decisions;
    this.identity = identity;
    this.tasks = tasks;
    this.page = template("oncall/oncall.html.mustache");
    this.noPage = template("oncall/no-page.html.mustache");
  }

  /** HTML escaping of every value: names, runbooks and contacts come from an editable file, keys from the URL. */
  private static Template template(String path) {
    try (var reader = new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
      return Mustache.compiler().withEscaper(Escapers.HTML).defaultValue("").compile(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping(path = "/api/oncall", produces = MediaType.APPLICATION_JSON_VALUE)
  OnCallBoard.Board api() {
    return board.at(OnCallService.now());
  }

  @GetMapping(path = "/oncall", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> html() {
    OnCallBoard.Board b = board.at(OnCallService.now());
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("board", b);
    model.put("now", OnCallBoard.local(b.at(), java.time.ZoneId.of("UTC")));
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store").body(page.execute(model));
  }

  /** Who would be paged and told, in which order and when, for an incident declared now. */
  @GetMapping(path = "/api/oncall/dry-run", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> dryRun(@RequestParam String service, @RequestParam String severity,
      @RequestParam(defaultValue = "outage") String type) {
    Service s = onCall.catalog().service(service).orElse(null);
    if (s == null) {
      return error("unknown_service", "service '" + service + "' is not in the catalog; known: "
          + String.join(", ", onCall.catalog().services().keySet()));
    }
    String sev = severity.strip().toUpperCase(Locale.ROOT);
    if (!CatalogParser.SEVERITIES.contains(sev)) {
      return error("unknown_severity", "severity '" + severity + "' is not one of SEV1, SEV2, SEV3, SEV4, SEV5");
    }
    Map<String, Object> plan = decisions.evaluateDecisionTableByKey(RESPONSE_PLAN,
        Variables.createVariables().putValue("severity", sev).putValue("incidentType", type)).getSingleResult().getEntryMap();
    boolean fullResponse = Boolean.TRUE.equals(plan.get("fullResponse"));
    int ackTimeout = ((Number) plan.get("ackTimeoutMinutes")).intValue();
    int escalationTimeout = ((Number) plan.get("escalationTimeoutMinutes")).intValue();

    Instant now = OnCallService.now();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", s.id());
    body.put("severity", sev);
    body.put("type", type);
    body.put("at", now);
    body.put("fullResponse", fullResponse);
    List<Map<String, Object>> pages = new ArrayList<>();
    List<Map<String, Object>> told = new ArrayList<>();
    if (!fullResponse) {
      body.put("policy", null);
      body.put("note", sev + " takes the light path: nobody is paged; a 'Handle minor incident' task goes to "
          + FirebreakGroups.RESPONDERS);
    } else {
      EscalationPlan escalation = onCall.plan(s.id(), sev, ackTimeout, (String) plan.get("escalationChain"));
      body.put("policy", escalation.policy());
      int minute = 0;
      for (int i = 0; i < escalation.steps().size(); i++) {
        Step step = escalation.steps().get(i);
        // Who holds a layer when this step would be paged, so a hand-off during the walk shows.
        PageTarget target = onCall.resolve(escalation, step, now.plusSeconds(60L * minute));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("order", i + 1);
        p.put("atMinute", minute);
        p.put("level", step.level());
        p.put("round", step.round());
        p.put("page", target.target());
        p.put("name", onCall.displayName(target));
        p.put("kind", target.user() != null ? "user" : "group");
        p.put("via", target.via());
        p.put("members", target.user() != null ? List.of() : members(target.target()));
        p.put("waitMinutes", step.delayMinutes());
        pages.add(p);
        minute += step.delayMinutes();
      }
      told.add(told(0, "Slack broadcast channel and the incident distribution list", "announcement and first email"));
      if (escalationTimeout > 0) {
        Map<String, Object> lead = told(escalationTimeout, FirebreakGroups.LEADERSHIP,
            "email and a 'Review escalated incident' task if still unresolved");
        lead.put("members", members(FirebreakGroups.LEADERSHIP));
        told.add(lead);
      }
    }
    body.put("pages", pages);
    body.put("told", told);
    return ResponseEntity.ok(body);
  }

  /** The link in a page: the open acknowledge task of the incident in Tasklist. */
  @GetMapping("/oncall/acknowledge/{key}")
  ResponseEntity<String> acknowledge(@PathVariable String key) {
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(key)
        .processDefinitionKey(EscalationProcess.KEY).taskDefinitionKey(EscalationProcess.Elements.ACKNOWLEDGE_PAGE)
        .list();
    if (open.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
          .body(noPage.execute(Map.of("key", key)));
    }
    return ResponseEntity.status(HttpStatus.FOUND)
        .header("Location", "/camunda/app/tasklist/default/#/?task=" + open.get(0).getId()).build();
  }

  private static Map<String, Object> told(int minute, String who, String how) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("atMinute", minute);
    t.put("who", who);
    t.put("how", how);
    return t;
  }

  private List<String> members(String group) {
    return identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).sorted().toList();
  }

  private static ResponseEntity<Map<String, Object>> error(String error, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    return ResponseEntity.badRequest().body(body);
  }
}
