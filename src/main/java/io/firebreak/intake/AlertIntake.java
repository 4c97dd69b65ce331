package io.firebreak.intake;

import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentDeclaration;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentService.IncidentConflictException;
import io.firebreak.incident.IncidentService;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.IncidentTypes;
import io.firebreak.incident.TimelineKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns alerts into incidents, one per alert group: the first firing delivery of a group declares an
 * incident, later ones attach to it until it closes; resolved deliveries signal {@code AlertResolved}
 * to it; acknowledgements acknowledge its page. Each delivery is one transaction (the
 * {@code fb_alert_group} row, the declaration through the engine, the timeline) and the caller
 * answers only after it committed. A concurrent claim of the same group or a transient database
 * failure is retried here for up to {@code firebreak.intake.limits.retry-for}; after that the
 * caller answers 503 and the sender retries.
 */
@Service
class AlertIntake {

  /** What happened to an incident because of a delivery. */
  record Touched(String key, String action) {
    static final String CREATED = "created";
    static final String ATTACHED = "attached";
    static final String RESOLVED_SIGNAL = "resolved-signal";
    static final String ACKNOWLEDGED = "acknowledged";
  }

  /**
   * One delivery of a group's alerts.
   *
   * @param source {@code alertmanager} (Grafana too) or {@code pagerduty}: its own key space
   * @param groupKey the sender's group or dedup key
   * @param declaration what to declare when the group has no open incident
   * @param actor who sent it, for the timeline
   * @param notes one timeline line per alert (what, when, link)
   */
  record Delivery(String source, String groupKey, IncidentDeclaration declaration, String actor, List<String> notes) {}

  private final AlertGroups groups;
  private final IncidentService incidentService;
  private final IncidentRepository incidents;
  private final TransactionTemplate tx;
  private final IntakeProperties limits;
  private final IncidentTypes types;
  private final IncidentTimeline timeline;

  AlertIntake(AlertGroups groups, IncidentService incidentService, IncidentRepository incidents,
      PlatformTransactionManager transactionManager, IntakeProperties limits, IncidentTypes types,
      IncidentTimeline timeline) {
    this.types = types;
    this.timeline = timeline;
    this.groups = groups;
    this.incidentService = incidentService;
    this.incidents = incidents;
    this.tx = new TransactionTemplate(transactionManager);
    this.limits = limits;
  }

  /** Firing: declare an incident for the group, or attach to the one that is not closed yet. */
  Touched fire(Delivery delivery) {
    IncidentTypes.Known known = types.deployed();
    String label = delivery.declaration().type();
    // An alert is never refused for its type label (the sender would drop it): a label that is
    // not a deployed type declares the table's default type, and the timeline says so.
    String unknownLabel = label != null && !label.isBlank() && known.resolve(label).isEmpty() ? label : null;
    IncidentDeclaration declaration = (unknownLabel == null ? delivery.declaration()
        : delivery.declaration().withType(null)).validated(known);
    String hash = AlertGroups.hash(delivery.source(), delivery.groupKey());
    int alerts = Math.max(1, delivery.notes().size());
    return retrying(() -> tx.execute(status -> {
      Optional<AlertGroups.OpenGroup> open = groups.lockOpen(hash);
      if (open.isPresent() && !open.get().incidentClosed()) {
        groups.countAlerts(open.get().id(), alerts);
        record(open.get().incidentKey(), TimelineKind.ALERT, delivery, "alert-attached", facts());
        return new Touched(open.get().incidentKey(), Touched.ATTACHED);
      }
      open.ifPresent(closed -> groups.release(closed.id()));
      long id = groups.claim(delivery.source(), hash, delivery.groupKey(), alerts);
      Incident incident = incidentService.declare(declaration);
      groups.assign(id, incident.key());
      record(incident.key(), TimelineKind.ALERT, delivery, "alert-declared", facts());
      if (unknownLabel != null) {
        timeline.add(incident.key(), TimelineKind.ALERT, Json.truncate(delivery.actor(), 100), "alert-unknown-type", facts(
            "label", unknownLabel, "knownTypes", String.join(", ", known.ids()), "incidentType", declaration.type()));
      }
      return new Touched(incident.key(), Touched.CREATED);
    }));
  }

  /** Resolved: tell the group's incident (it suggests resolution to the IC); empty when it has none open. */
  Optional<Touched> resolve(Delivery delivery) {
    return onOpenIncident(delivery, key -> {
      boolean suggested = incidentService.signalAlertResolved(key);
      record(key, TimelineKind.ALERT_RESOLVED, delivery, "alert-resolved", facts("suggested", suggested, "phase", phase(key)));
      return Touched.RESOLVED_SIGNAL;
    });
  }

  /** Acknowledge: acknowledge the page of the group's incident; empty when it has none open. */
  Optional<Touched> acknowledge(Delivery delivery) {
    return onOpenIncident(delivery, key -> {
      try {
        incidentService.acknowledgePage(key, delivery.actor(), delivery.source());
      } catch (IncidentConflictException e) {
        // Checked before anything was sent, so the transaction is intact.
        record(key, TimelineKind.ALERT_ACKNOWLEDGED, delivery, "alert-acknowledge-refused", facts("reason", e.getMessage()));
      }
      return Touched.ACKNOWLEDGED;
    });
  }

  /**
   * In one retried transaction: {@code act} on the incident of the delivery's group (its key in,
   * the {@link Touched} action out) while that group is open and its incident not closed; else empty.
   */
  private Optional<Touched> onOpenIncident(Delivery delivery, Function<String, String> act) {
    String hash = AlertGroups.hash(delivery.source(), delivery.groupKey());
    return retrying(() -> tx.execute(status -> groups.lockOpen(hash)
        .filter(g -> !g.incidentClosed())
        .map(g -> new Touched(g.incidentKey(), act.apply(g.incidentKey())))));
  }

  private String phase(String key) {
    return incidents.find(key).map(i -> i.phase().label()).orElse("unknown");
  }

  /** One line per note of the delivery (its alerts' links), worded by {@code timeline-<wording>}. */
  private void record(String key, TimelineKind kind, Delivery delivery, String wording, Map<String, Object> facts) {
    List<String> notes = delivery.notes().isEmpty() ? java.util.Collections.singletonList(null) : delivery.notes();
    for (String note : notes) {
      Map<String, Object> line = new java.util.HashMap<>(facts);
      line.put("source", delivery.source());
      line.put("note", note == null || note.isEmpty() ? null : note);
      // addTimeline cuts the text to the column itself.
      timeline.add(key, kind, Json.truncate(delivery.actor(), 100), wording, line);
    }
  }

  private static Map<String, Object> facts(Object... namesAndValues) {
    return IncidentTimeline.facts(namesAndValues);
  }

  private <T> T retrying(Supplier<T> attempt) {
    return Retrying.run(limits.retryFor(), attempt);
  }
}
