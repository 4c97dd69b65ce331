package io.firebreak.postmortem;

import io.firebreak.comms.CommunicationProcess;
import io.firebreak.comms.Markdown;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentService.IncidentNotFoundException;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.ResponseTimes;
import io.firebreak.incident.TimelineEntry;
import io.firebreak.incident.TimelineKind;
import io.firebreak.platform.FirebreakProperties;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * The postmortem of an incident as Markdown, prefilled from its history: the read model (summary,
 * severity, service, roles), its timeline (every kind, so lines added by new capabilities show up
 * too), the updates and customer statements it published (Camunda history of
 * {@code incident-communication}), the response times ({@link ResponseTimes}) and the author's
 * sections from {@code incident-postmortem}. Wording and layout are the template
 * {@code messages/postmortem.md.mustache}; every user text is Markdown-escaped.
 */
@Service
public class PostmortemDocument {

  /** Camunda keeps string variables up to 4,000 characters; the forms get the document cut to this. */
  static final int VARIABLE_LIMIT = 3900;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final IncidentRepository incidents;
  private final ActionItemRepository actionItems;
  private final HistoryService history;
  private final MessageTemplates templates;
  private final FirebreakProperties properties;

  PostmortemDocument(IncidentRepository incidents, ActionItemRepository actionItems, HistoryService history,
      MessageTemplates templates, FirebreakProperties properties) {
    this.incidents = incidents;
    this.actionItems = actionItems;
    this.history = history;
    this.templates = templates;
    this.properties = properties;
  }

  public String url(String key) {
    return properties.baseUrl() + "/api/incidents/" + key + "/postmortem.md";
  }

  /** The document from committed history (the API). */
  public String render(String key) {
    return render(key, Map.of());
  }

  /**
   * The document, with {@code current} (variables of a running postmortem, not yet in history
   * because they were set in this very transaction) taking precedence over history.
   */
  public String render(String key, Map<String, Object> current) {
    Incident incident = incidents.find(key).orElseThrow(() -> new IncidentNotFoundException(key));
    List<TimelineEntry> timeline = incidents.timeline(key);
    Map<String, Object> postmortem = new HashMap<>(latestVariables(key, PostmortemProcess.KEY));
    postmortem.putAll(current);
    Map<String, Object> incidentVars = latestVariables(key, IncidentProcess.KEY);

    Map<String, Object> model = new HashMap<>();
    model.put("key", incident.key());
    model.put("title", incident.title());
    model.put("severity", incident.severity());
    model.put("type", incident.type());
    model.put("service", incident.service());
    model.put("state", incident.state().name().toLowerCase(Locale.ROOT));
    model.put("phase", incident.phase().label());
    // "closed", not "closed, closed": the phase only when it says more than the state.
    model.put("status", incident.state().name().equalsIgnoreCase(incident.phase().label())
        ? incident.phase().label() : incident.state().name().toLowerCase(Locale.ROOT) + ", " + incident.phase().label());
    model.put("source", incident.source());
    model.put("customerImpact", incident.customerImpact() ? "yes" : "no");
    model.put("declaredAt", time(incident.declaredAt()));
    model.put("resolvedAt", time(incident.resolvedAt()));
    model.put("closedAt", time(incident.closedAt()));
    model.put("description", incident.description());
    String resolution = string(incidentVars.get(IncidentVariables.RESOLUTION_SUMMARY.name()));
    model.put("resolutionSummary", resolution == null || resolution.isBlank() ? null : resolution);
    model.put("author", string(postmortem.get(PostmortemProcess.AUTHOR.name())));
    // Roles, measures and sections by name: their headings and labels are the template's wording.
    model.put("incidentCommander", present(incident.roles().incidentCommander()));
    model.put("commsLead", present(incident.roles().commsLead()));
    model.put("scribe", present(incident.roles().scribe()));
    model.put("customerLiaison", present(incident.roles().customerLiaison()));
    model.put("reporter", present(incident.reporter()));
    ResponseTimes times = ResponseTimes.of(incident, timeline);
    model.put("timeToAcknowledge", measure(times.timeToAcknowledge(), times.acknowledged()));
    model.put("timeToMitigate", measure(times.timeToMitigate(), times.mitigated()));
    model.put("timeToResolve", measure(times.timeToResolve(), times.resolved()));

    List<Map<String, Object>> lines = new ArrayList<>();
    // Published updates and statements are on the timeline with their author (the model writes
    // them; Slack updates too); the incident-communication history adds only those of incidents
    // from before that, so none appears twice.
    List<Map<String, Object>> updatesInTimeline = new ArrayList<>();
    List<String> statementsInTimeline = new ArrayList<>();
    // Delivery notes ("Slack not configured", "nobody to invite") are not what happened: folded into one line.
    Map<String, Integer> skipped = new java.util.TreeMap<>();
    for (TimelineEntry e : timeline) {
      if (e.isDeliveryNote()) {
        skipped.merge(e.actor() == null ? "other" : e.actor(), 1, Integer::sum);
        continue;
      }
      Map<String, Object> row = line(e.at(), e.kind(), e.actor(), e.text(), null);
      lines.add(row);
      if (e.is(TimelineKind.STATUS_UPDATE)) {
        row.put("raw", e.text());
        updatesInTimeline.add(row);
      } else if (e.is(TimelineKind.CUSTOMER_STATEMENT)) {
        statementsInTimeline.add(e.text());
      }
    }
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Communication c : communications(key)) {
      if ("customer-statement".equals(c.template())) {
        statements.add(Map.of("at", time(c.at()), "text", c.text() == null ? "" : c.text()));
        if (!statementsInTimeline.remove(c.text() == null ? "" : c.text())) {
          lines.add(line(c.at(), TimelineKind.CUSTOMER_STATEMENT.name(), null, c.text(), null));
        }
      } else if ("status-update".equals(c.template())) {
        Map<String, Object> row = updatesInTimeline.stream().filter(r -> java.util.Objects.equals(r.get("raw"), c.text()))
            .findFirst().orElse(null);
        if (row == null) {
          lines.add(line(c.at(), TimelineKind.STATUS_UPDATE.name(), null, c.text(), c.whatChanged()));
        } else {
          // The timeline's line (with its author) gets what changed from the published update.
          updatesInTimeline.remove(row);
          row.put("whatChanged", c.whatChanged() == null || c.whatChanged().isBlank() ? null : Markdown.oneLine(c.whatChanged()));
        }
      }
    }
    model.put("deliveriesSkipped", skipped.isEmpty() ? null : skipped.entrySet().stream()
        .map(en -> en.getKey() + " " + en.getValue()).collect(java.util.stream.Collectors.joining(", ")));
    lines.sort(Comparator.comparing(m -> (Instant) m.get("instant")));
    model.put("timeline", lines);
    model.put("statements", statements);
    model.put("cause", section(postmortem.get(PostmortemProcess.CAUSE.name())));
    model.put("impact", section(postmortem.get(PostmortemProcess.IMPACT.name())));
    model.put("stepsTaken", section(postmortem.get(PostmortemProcess.STEPS_TAKEN.name())));
    model.put("prevention", section(postmortem.get(PostmortemProcess.PREVENTION.name())));
    model.put("actionItems", actionItems(key, string(postmortem.get(PostmortemProcess.ACTION_ITEMS.name()))));
    Review review = lastReview(key);
    String comments = string(postmortem.get(PostmortemProcess.REVIEW_COMMENTS.name()));
    // A comment typed in an earlier review (changes requested) is not the last review's.
    boolean commentsOfLastReview = comments != null && !comments.isBlank() && (review == null || review.commentsCurrent());
    model.put("reviewComments", commentsOfLastReview ? comments : null);
    model.put("hasReviewComments", commentsOfLastReview);
    model.put("reviewer", review == null ? null : review.reviewer());
    model.put("approved", Boolean.TRUE.equals(postmortem.get(PostmortemProcess.APPROVED.name())));
    model.put("generatedAt", time(ClockUtil.getCurrentTime().toInstant()));
    model.put("url", url(key));
    return templates.render("postmortem", Format.MARKDOWN, model) + "\n";
  }

  /** The document for a form field: whole when it fits in a variable, else cut with a pointer to the rest. */
  String forVariable(String markdown, String key) {
    if (markdown.length() <= VARIABLE_LIMIT) {
      return markdown;
    }
    // The pointer's wording is the template postmortem-cut.md.mustache.
    String note = "\n\n" + templates.render("postmortem-cut", Format.MARKDOWN, Map.of("key", key, "url", url(key))) + "\n";
    return markdown.substring(0, Math.max(0, VARIABLE_LIMIT - note.length())) + note;
  }

  private Map<String, Object> latestVariables(String key, String processKey) {
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(key).processDefinitionKey(processKey)
        .orderByProcessInstanceStartTime().desc().listPage(0, 1);
    Map<String, Object> vars = new HashMap<>();
    if (instances.isEmpty()) {
      return vars;
    }
    String id = instances.get(0).getId();
    for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceId(id)
        .disableCustomObjectDeserialization().list()) {
      // Process-instance scope only: task-local and multi-instance variables are not the document's.
      // Only plain values are the document's; JSON and objects (decision results, lists) are left alone.
      if ((id.equals(v.getActivityInstanceId()) || id.equals(v.getExecutionId()))
          && v.getTypedValue() != null && v.getTypedValue().getType() != null && v.getTypedValue().getType().isPrimitiveValueType()) {
        vars.put(v.getName(), v.getValue());
      }
    }
    return vars;
  }

  /** Who completed the last Review postmortem task, and whether the comments were given in it. */
  private record Review(String reviewer, boolean commentsCurrent) {}

  private Review lastReview(String key) {
    List<org.camunda.bpm.engine.history.HistoricTaskInstance> reviews = history.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(key).taskDefinitionKey(PostmortemProcess.Elements.REVIEW_POSTMORTEM).finished()
        .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1);
    if (reviews.isEmpty()) {
      return null;
    }
    org.camunda.bpm.engine.history.HistoricTaskInstance last = reviews.get(0);
    List<org.camunda.bpm.engine.history.HistoricDetail> updates = history.createHistoricDetailQuery()
        .processInstanceId(last.getProcessInstanceId()).variableUpdates().orderByTime().desc().list();
    boolean current = updates.stream()
        .filter(d -> d instanceof org.camunda.bpm.engine.history.HistoricVariableUpdate u
            && PostmortemProcess.REVIEW_COMMENTS.name().equals(u.getVariableName()))
        .findFirst().map(d -> !d.getTime().before(last.getStartTime())).orElse(false);
    return new Review(last.getAssignee(), current);
  }

  private record Communication(Instant at, String template, String text, String whatChanged) {}

  private List<Communication> communications(String key) {
    List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(key).processDefinitionKey(CommunicationProcess.KEY)
        .orderByProcessInstanceStartTime().asc().list();
    List<Communication> result = new ArrayList<>();
    if (instances.isEmpty()) {
      return result;
    }
    // One query for the variables of all of them, not one per update.
    Map<String, Map<String, Object>> varsByInstance = new HashMap<>();
    history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(CommunicationProcess.UPDATE_TEMPLATE.name(), CommunicationProcess.UPDATE_TEXT.name(),
            CommunicationProcess.WHAT_CHANGED.name())
        .list().forEach(v -> varsByInstance.computeIfAbsent(v.getProcessInstanceId(), id -> new HashMap<>())
            .put(v.getName(), v.getValue()));
    for (HistoricProcessInstance pi : instances) {
      Map<String, Object> vars = varsByInstance.getOrDefault(pi.getId(), Map.of());
      result.add(new Communication(pi.getStartTime().toInstant(),
          string(vars.get(CommunicationProcess.UPDATE_TEMPLATE.name())),
          string(vars.get(CommunicationProcess.UPDATE_TEXT.name())),
          string(vars.get(CommunicationProcess.WHAT_CHANGED.name()))));
    }
    return result;
  }

  private static Map<String, Object> line(Instant at, String kind, String actor, String text, String whatChanged) {
    Map<String, Object> m = new HashMap<>();
    m.put("instant", at);
    m.put("at", time(at));
    m.put("kind", kind);
    m.put("actor", actor);
    m.put("text", Markdown.oneLine(text));
    m.put("whatChanged", whatChanged == null || whatChanged.isBlank() ? null : Markdown.oneLine(whatChanged));
    return m;
  }

  private static Map<String, String> measure(java.time.Duration duration, Instant at) {
    return Map.of("duration", ResponseTimes.format(duration), "at", time(at));
  }

  /** An author's section: {@code written} and its {@code text}; the heading is the template's. */
  private static Map<String, Object> section(Object text) {
    String s = string(text);
    boolean written = s != null && !s.isBlank();
    return Map.of("written", written, "text", written ? s.strip() : "");
  }

  /** Rows with the plan as a flag ({@code task}, {@code planning}, {@code proposed}, {@code unreadable}): the words are the template's. */
  private List<Map<String, Object>> actionItems(String key, String typed) {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<ActionItemRepository.Row> planned = actionItems.ofIncident(key);
    if (!planned.isEmpty()) {
      for (ActionItemRepository.Row r : planned) {
        boolean task = ActionItemRepository.NOW.equals(r.horizon());
        rows.add(Map.of("title", Markdown.oneLine(r.title()), "owner", r.owner(), "kind", r.kind(),
            "due", r.due().toString(), "task", task, "planning", !task, "proposed", false, "unreadable", false,
            "status", r.status()));
      }
      return rows;
    }
    // Not planned yet (the postmortem is still being written or reviewed): what the author typed.
    try {
      for (ActionItem item : ActionItems.parse(typed)) {
        rows.add(Map.of("title", item.title(), "owner", item.owner(), "kind", item.kind(), "due", item.due().toString(),
            "task", false, "planning", false, "proposed", true, "unreadable", false, "status", ""));
      }
    } catch (IllegalArgumentException e) {
      rows.add(Map.of("title", Markdown.oneLine(typed), "owner", "", "kind", "", "due", "", "task", false,
          "planning", false, "proposed", false, "unreadable", true, "status", ""));
    }
    return rows;
  }

  private static String time(Instant instant) {
    return instant == null ? "—" : TIME.format(instant) + " UTC";
  }

  private static String present(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }
}
