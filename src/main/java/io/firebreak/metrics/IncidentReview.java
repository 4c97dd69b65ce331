package io.firebreak.metrics;

import io.firebreak.comms.Markdown;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.incident.ResponseTimes;
import io.firebreak.metrics.ResponseHistory.IncidentResponse;
import io.firebreak.postmortem.ActionItemRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Service;

/**
 * The incident review report for a period: incidents by severity, type and service; time to
 * acknowledge, mitigate and resolve (median and p90, {@link Percentiles}); services and alerts that
 * came back; overdue action items; and the process steps where incidents waited longest (Camunda
 * history of user and service tasks in the incident processes). Layout:
 * {@code messages/incident-review.md.mustache}.
 */
@Service
public class IncidentReview {

  /** Sources through which people declare incidents; every other source is an alert. */
  static final Set<String> HUMAN_SOURCES = Set.of("api", "tasklist", "slack");
  /** Lists in the report stop here, so the report fits in a process variable. */
  static final int TOP = 5;
  private static final Set<String> STEP_TYPES = Set.of("userTask", "serviceTask");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final ResponseHistory responses;
  private final ActionItemRepository actionItems;
  private final HistoryService history;
  private final MessageTemplates templates;

  IncidentReview(ResponseHistory responses, ActionItemRepository actionItems, HistoryService history,
      MessageTemplates templates) {
    this.responses = responses;
    this.actionItems = actionItems;
    this.history = history;
    this.templates = templates;
  }

  /** A figure over the period's incidents. */
  private record Figure(String measure, int count, Duration median, Duration p90) {}

  /** A process step and how long incidents spent in it. */
  private record Step(String process, String step, int count, Duration median, Duration p90, Duration longest) {}

  /** How many incidents the period had, and the report people read. */
  public record Report(int incidents, String markdown) {}

  public Report compile(Instant from, Instant to) {
    List<IncidentResponse> incidents = responses.declaredBetween(from, to);
    Map<String, Long> bySeverity = count(incidents, i -> or(i.severity(), "unclassified"));
    Map<String, Long> byType = count(incidents, i -> or(i.type(), "unknown"));
    Map<String, Long> byService = count(incidents, i -> or(i.service(), "unknown"));
    List<Figure> figures = List.of(
        figure("Time to acknowledge", incidents.stream().map(i -> i.times().timeToAcknowledge()).toList()),
        figure("Time to mitigate", incidents.stream().map(i -> i.times().timeToMitigate()).toList()),
        figure("Time to resolve", incidents.stream().map(i -> i.times().timeToResolve()).toList()));
    Map<String, Long> repeatServices = repeats(byService);
    Map<String, Long> repeatAlerts = repeats(count(
        incidents.stream().filter(i -> !HUMAN_SOURCES.contains(or(i.source(), "api"))).toList(), IncidentResponse::title));
    LocalDate today = LocalDate.ofInstant(to, ZoneId.systemDefault());
    List<ActionItemRepository.Row> overdue = actionItems.overdue(today);
    List<Step> steps = slowestSteps(from, to);
    Map<String, Object> model = new HashMap<>();
    model.put("from", DAY.format(from) + " UTC");
    model.put("to", DAY.format(to) + " UTC");
    model.put("incidents", incidents.size());
    model.put("bySeverity", rows(bySeverity));
    model.put("byType", rows(byType));
    model.put("byService", rows(top(byService)));
    model.put("figures", figures.stream().map(f -> Map.of("measure", f.measure(), "count", f.count(),
        "median", ResponseTimes.format(f.median()), "p90", ResponseTimes.format(f.p90()))).toList());
    model.put("repeatServices", rows(top(repeatServices)));
    model.put("repeatAlerts", rows(top(repeatAlerts)));
    model.put("overdue", overdue.stream().limit(10).map(r -> Map.of("incident", r.incidentKey(),
        "title", Markdown.oneLine(r.title()), "owner", r.owner(), "due", r.due().toString(),
        "days", Duration.between(r.due().atStartOfDay(), today.atStartOfDay()).toDays())).toList());
    model.put("overdueCount", overdue.size());
    model.put("overdueMore", overdue.size() > 10 ? overdue.size() - 10 : 0);
    model.put("hasOverdueMore", overdue.size() > 10);
    model.put("steps", steps.stream().map(s -> Map.of("process", s.process(), "step", s.step(), "count", s.count(),
        "median", ResponseTimes.format(s.median()), "p90", ResponseTimes.format(s.p90()),
        "longest", ResponseTimes.format(s.longest()))).toList());
    String markdown = templates.render("incident-review", Format.MARKDOWN, model) + "\n";
    return new Report(incidents.size(), markdown);
  }

  /** Steps still running at {@code to} count as lasting until then. */
  private List<Step> slowestSteps(Instant from, Instant to) {
    Map<String, List<HistoricActivityInstance>> byStep = new LinkedHashMap<>();
    for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery()
        .startedAfter(java.util.Date.from(from.minusMillis(1))).startedBefore(java.util.Date.from(to)).list()) {
      String process = a.getProcessDefinitionKey();
      if (STEP_TYPES.contains(a.getActivityType()) && process != null
          && (process.equals("incident") || process.startsWith("incident-")) && !process.equals(ReviewProcess.KEY)) {
        byStep.computeIfAbsent(process + "\u0000" + a.getActivityId(), k -> new ArrayList<>()).add(a);
      }
    }
    List<Step> steps = new ArrayList<>();
    byStep.forEach((id, activities) -> {
      List<Duration> durations = activities.stream().map(a -> Duration.between(a.getStartTime().toInstant(),
          a.getEndTime() != null ? a.getEndTime().toInstant() : to)).toList();
      Percentiles.Summary s = Percentiles.of(durations);
      HistoricActivityInstance first = activities.get(0);
      // A user task's name may be an expression naming its incident ("Triage ${…}"): the step is the words.
      String name = first.getActivityName() != null
          ? first.getActivityName().replaceAll("\\s*\\$\\{[^}]*\\}", "").strip() : first.getActivityId();
      steps.add(new Step(first.getProcessDefinitionKey(), name, s.count(), s.median(), s.p90(),
          durations.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO)));
    });
    return steps.stream()
        .sorted(Comparator.comparing(Step::p90).reversed().thenComparing(Step::step))
        .limit(TOP).toList();
  }

  private static Figure figure(String measure, List<Duration> durations) {
    Percentiles.Summary s = Percentiles.of(durations);
    return new Figure(measure, s.count(), s.median(), s.p90());
  }

  private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  /** Entries seen more than once, most frequent first (then by name). */
  private static Map<String, Long> repeats(Map<String, Long> counts) {
    return counts.entrySet().stream().filter(e -> e.getValue() > 1).sorted(byCount())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private static Map<String, Long> top(Map<String, Long> counts) {
    return counts.entrySet().stream().sorted(byCount()).limit(TOP)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private static Comparator<Map.Entry<String, Long>> byCount() {
    return Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());
  }

  private static List<Map<String, Object>> rows(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> Map.<String, Object>of("name", e.getKey(), "count", e.getValue())).toList();
  }

  private static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
