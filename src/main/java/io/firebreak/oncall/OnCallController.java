package io.firebreak.oncall;

import io.firebreak.platform.Templates;

import io.firebreak.platform.ErrorBody;
import com.samskivert.mustache.Template;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentTypes;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.oncall.Catalog.Service;
import io.firebreak.oncall.EscalationPlan.Step;
import io.firebreak.oncall.OnCallService.PageTarget;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
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
 * authenticated (HTTP Basic, {@code security.SecurityConfiguration}); the time is the engine clock.
 */
@RestController
class OnCallController {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OnCallController.class);

  /** The delegate of the models' paging step: its pages come from the catalog's escalation policy. */
  static final String PAGING_STEP = "${pageEscalationLevel}";
  /** Inputs by which a step of the models names whom it tells. */
  private static final List<String> TELLING_INPUTS = List.of("channel", "recipients");

  private final IncidentTypes types;
  private final OnCallBoard board;
  private final OnCallService onCall;
  private final ModelWalk models;
  private final IdentityService identity;
  private final TaskService tasks;
  private final Template page;
  private final Template noPage;

  OnCallController(OnCallBoard board, OnCallService onCall, ModelWalk models, IdentityService identity,
      TaskService tasks, IncidentTypes types) {
    this.types = types;
    this.board = board;
    this.onCall = onCall;
    this.models = models;
    this.identity = identity;
    this.tasks = tasks;
    this.page = template("oncall/oncall.html.mustache");
    this.noPage = template("oncall/no-page.html.mustache");
  }

  /** HTML escaping of every value: names, runbooks and contacts come from an editable file, keys from the URL. */
  private static Template template(String path) {
    return Templates.htmlPage(path);
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

  /**
   * Who would be paged and told, in which order and when, for an incident declared now: a walk of
   * the deployed models ({@link ModelWalk}) from the incident's start, with the catalog's
   * escalation policy where the models page. Optional {@code customerImpact}: unknown (both
   * branches shown) unless given.
   */
  @GetMapping(path = "/api/oncall/dry-run", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> dryRun(@RequestParam String service, @RequestParam String severity,
      @RequestParam(required = false) String type, @RequestParam(required = false) Boolean customerImpact) {
    Service s = onCall.catalog().service(service).orElse(null);
    if (s == null) {
      return error("unknown_service", "service '" + service + "' is not in the catalog; known: "
          + String.join(", ", onCall.catalog().services().keySet()));
    }
    String sev = severity.strip().toUpperCase(Locale.ROOT);
    if (!CatalogParser.SEVERITIES.contains(sev)) {
      return error("unknown_severity", "severity '" + severity + "' is not one of SEV1, SEV2, SEV3, SEV4, SEV5");
    }
    // The incident types deployed now (DMN incident-types): an alias names its type, none = the default.
    IncidentTypes.Known known = types.deployed();
    String typeId = type == null || type.isBlank() ? known.defaultType().orElse(null) : known.resolve(type).orElse(null);
    if (typeId == null) {
      return error("unknown_type", "type '" + type + "' is not one of the deployed incident types: "
          + String.join(", ", known.ids()));
    }
    VariableMap facts = Variables.createVariables();
    IncidentVariables.SERVICE.put(facts, s.id());
    IncidentVariables.SEVERITY.put(facts, sev);
    IncidentVariables.PROPOSED_SEVERITY.put(facts, sev);
    IncidentVariables.INCIDENT_TYPE.put(facts, typeId);
    IncidentVariables.TITLE.put(facts, "Dry run");
    IncidentVariables.SOURCE.put(facts, "dry-run");
    if (customerImpact != null) {
      IncidentVariables.CUSTOMER_IMPACT.put(facts, customerImpact);
    }
    ModelWalk.Walk walk;
    try {
      // The severity is what the dry run asks about: the classification does not decide it again.
      walk = models.walk(IncidentProcess.KEY, facts, Set.of(IncidentVariables.SEVERITY.name()));
    } catch (RuntimeException e) {
      // A model or decision the engine could not evaluate: the owner finds the engine's reason in the log.
      log.warn("Dry run for {} {} {} failed", s.id(), sev, typeId, e);
      return error("dry_run_failed", "the deployed models could not be walked for a " + sev + " " + typeId
          + " incident of " + s.id() + "; the server log says why");
    }

    Instant now = OnCallService.now();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", s.id());
    body.put("severity", sev);
    body.put("type", type);
    body.put("at", now);
    body.put("fullResponse", IncidentVariables.FULL_RESPONSE.from(walk.facts()));
    body.put("models", walk.versions());
    List<Map<String, Object>> pages = new ArrayList<>();
    ModelWalk.Step paging = walk.steps().stream().filter(step -> PAGING_STEP.equals(step.implementation()))
        .findFirst().orElse(null);
    if (paging == null) {
      body.put("policy", null);
      body.put("note", "nobody is paged: no step of the deployed models pages anyone for this incident");
    } else {
      EscalationPlan escalation = onCall.plan(s.id(), sev, IncidentVariables.ACK_TIMEOUT_MINUTES.from(walk.facts()),
          IncidentVariables.ESCALATION_CHAIN.from(walk.facts()));
      body.put("policy", escalation.policy());
      int minute = paging.atMinute() == null ? 0 : paging.atMinute();
      for (int i = 0; i < escalation.steps().size(); i++) {
        Step step = escalation.steps().get(i);
        // Who holds a layer when this step would be paged, so a hand-off during the walk shows.
        PageTarget target = onCall.resolve(escalation, step, now.plusSeconds(60L * minute));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("order", i + 1);
        p.put("atMinute", minute);
        p.put("process", paging.process());
        p.put("element", paging.element());
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
    }
    body.put("pages", pages);
    body.put("told", told(walk.steps()));
    body.put("steps", walk.steps());
    return ResponseEntity.ok(body);
  }

  /**
   * The steps that tell someone (their model gives them a {@code channel} or {@code recipients}),
   * earliest first; steps whose time depends on people keep their flow order after those.
   */
  private List<Map<String, Object>> told(List<ModelWalk.Step> steps) {
    List<Map<String, Object>> told = new ArrayList<>();
    for (ModelWalk.Step step : steps) {
      for (String input : TELLING_INPUTS) {
        Object who = step.inputs().get(input);
        if (who == null) {
          continue;
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("atMinute", step.atMinute());
        t.put("who", String.valueOf(who));
        t.put("how", step.name());
        t.put("process", step.process());
        t.put("element", step.element());
        t.put("after", step.after());
        t.put("when", step.when());
        List<String> members = members(String.valueOf(who));
        if (!members.isEmpty()) {
          t.put("members", members);
        }
        told.add(t);
      }
    }
    told.sort(Comparator.comparing((Map<String, Object> t) -> ((List<?>) t.get("after")).isEmpty() ? 0 : 1)
        .thenComparing(t -> (Integer) t.get("atMinute"), Comparator.nullsLast(Comparator.naturalOrder())));
    return told;
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

  private List<String> members(String group) {
    return identity.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).sorted().toList();
  }

  private static ResponseEntity<Map<String, Object>> error(String error, String detail) {
    return ErrorBody.entity(HttpStatus.BAD_REQUEST, error, detail);
  }
}
