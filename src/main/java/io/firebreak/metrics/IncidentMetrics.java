package io.firebreak.metrics;

import io.firebreak.incident.TimelineKind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Firebreak's metrics at {@code /actuator/prometheus}, computed from the read model and the engine
 * (so they survive restarts and agree across nodes sharing one database; in Grafana take
 * {@code max} over instances, not {@code sum}):
 * <ul>
 *   <li>{@code firebreak_incidents_open{severity}} — open incidents by severity (SEV1…SEV5, unclassified);
 *   <li>{@code firebreak_incidents_declared_total} — incidents declared;
 *   <li>{@code firebreak_pages_total}, {@code firebreak_acknowledgements_total} — timeline lines PAGED and ACKNOWLEDGED;
 *   <li>{@code firebreak_time_to_acknowledge_seconds_count/_sum} — declaration to first acknowledgement, per acknowledged incident;
 *   <li>{@code firebreak_time_to_resolve_seconds_count/_sum} — declaration to resolution, per resolved incident;
 *   <li>{@code firebreak_jobs_failed} — Camunda jobs with no retries left: calls to Slack, email, paging or the
 *       status page that kept failing and wait in Cockpit for an operator;
 *   <li>{@code firebreak_jobs_due} — the job backlog: jobs due now with retries left (steps and timers waiting
 *       for a job thread on some node; growing means the nodes do not keep up);
 *   <li>{@code firebreak_camunda_incidents_open} — open Camunda incidents (failed jobs, failed external tasks)
 *       as Cockpit lists them.
 * </ul>
 * A scrape costs a fixed number of aggregate queries however long the history (the response times
 * are summed in SQL, {@link ResponseHistory#totals()}), at most once per {@code firebreak.metrics.cache-seconds}.
 */
@Component
class IncidentMetrics implements MeterBinder {

  static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4", "SEV5");
  static final String UNCLASSIFIED = "unclassified";

  private final ResponseHistory history;
  private final ManagementService management;
  private final RuntimeService runtime;
  private final Duration cacheFor;
  private volatile Snapshot snapshot;

  IncidentMetrics(ResponseHistory history, ManagementService management, RuntimeService runtime,
      MetricsProperties properties) {
    this.history = history;
    this.management = management;
    this.runtime = runtime;
    this.cacheFor = Duration.ofSeconds(Math.max(0, properties.cacheSeconds()));
  }

  /** Everything one scrape needs, read at once. */
  record Snapshot(Instant takenAt, Map<String, Long> openBySeverity, long declared, long pages, long acks,
      long acknowledged, double ackSeconds, long resolved, double resolveSeconds, long failedJobs, long dueJobs,
      long camundaIncidents) {}

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String severity : SEVERITIES) {
      gauge(registry, severity, s -> s.openBySeverity().getOrDefault(severity, 0L));
    }
    gauge(registry, UNCLASSIFIED, s -> s.openBySeverity().getOrDefault(null, 0L));
    FunctionCounter.builder("firebreak.incidents.declared", this, m -> m.snapshot().declared())
        .description("Incidents declared").register(registry);
    FunctionCounter.builder("firebreak.pages", this, m -> m.snapshot().pages())
        .description("Pages sent to on-call responders").register(registry);
    FunctionCounter.builder("firebreak.acknowledgements", this, m -> m.snapshot().acks())
        .description("Pages acknowledged").register(registry);
    FunctionTimer.builder("firebreak.time.to.acknowledge", this, m -> m.snapshot().acknowledged(),
            m -> m.snapshot().ackSeconds(), TimeUnit.SECONDS)
        .description("From declaration to the first acknowledgement").register(registry);
    FunctionTimer.builder("firebreak.time.to.resolve", this, m -> m.snapshot().resolved(),
            m -> m.snapshot().resolveSeconds(), TimeUnit.SECONDS)
        .description("From declaration to resolution").register(registry);
    Gauge.builder("firebreak.jobs.failed", this, m -> m.snapshot().failedJobs())
        .description("Camunda jobs with no retries left (outside calls that kept failing; retry them in Cockpit)")
        .register(registry);
    Gauge.builder("firebreak.jobs.due", this, m -> m.snapshot().dueJobs())
        .description("Camunda jobs due now with retries left: the backlog the job executors work off")
        .register(registry);
    Gauge.builder("firebreak.camunda.incidents.open", this, m -> m.snapshot().camundaIncidents())
        .description("Open Camunda incidents (Cockpit): failed jobs waiting for an operator")
        .register(registry);
  }

  private void gauge(MeterRegistry registry, String severity, ToDoubleFunction<Snapshot> value) {
    Gauge.builder("firebreak.incidents.open", this, m -> value.applyAsDouble(m.snapshot()))
        .tag("severity", severity).description("Open incidents").register(registry);
  }

  synchronized Snapshot snapshot() {
    Instant now = Instant.now();
    if (snapshot != null && snapshot.takenAt().plus(cacheFor).isAfter(now)) {
      return snapshot;
    }
    ResponseHistory.Totals totals = history.totals();
    Map<TimelineKind, Long> kinds = history.timelineCounts(List.of(TimelineKind.PAGED, TimelineKind.ACKNOWLEDGED));
    snapshot = new Snapshot(now, history.openBySeverity(), totals.declared(), kinds.get(TimelineKind.PAGED),
        kinds.get(TimelineKind.ACKNOWLEDGED), totals.acknowledged(), totals.ackSeconds(), totals.resolved(),
        totals.resolveSeconds(), management.createJobQuery().noRetriesLeft().count(),
        management.createJobQuery().executable().active().count(), runtime.createIncidentQuery().count());
    return snapshot;
  }
}
