package io.firebreak.statuspage;

import io.firebreak.statuspage.PublicStatusStore.PublicIncident;
import io.firebreak.statuspage.MaintenanceStore.PublicMaintenance;
import io.firebreak.statuspage.PublicStatusStore.PublicUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The page's content as Atlassian Statuspage's v2 API words it (field names, status words), so that
 * existing clients and widgets read it unchanged. Built from what people approved only: public ids
 * are random, names are the approved titles and catalog components.
 */
@Component
class StatusPageDocuments {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final PublicStatusStore store;
  private final MaintenanceStore maintenanceStore;
  private final StatusPageComponents components;
  private final StatusPageProperties properties;
  private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  StatusPageDocuments(PublicStatusStore store, MaintenanceStore maintenanceStore, StatusPageComponents components,
      StatusPageProperties properties) {
    this.store = store;
    this.maintenanceStore = maintenanceStore;
    this.components = components;
    this.properties = properties;
  }

  /** One consistent reading of the page. */
  record Snapshot(Map<String, Object> page, List<Map<String, Object>> components, List<Map<String, Object>> unresolved,
      List<Map<String, Object>> incidents, Map<String, Object> status, List<Map<String, Object>> maintenances,
      List<Map<String, Object>> upcoming, List<Map<String, Object>> active) {}

  private record Cached(Snapshot snapshot, long at) {}

  private volatile Cached cached;

  /**
   * The page as of at most {@code firebreak.status-page.snapshot-cache} ago (default 1 s): under load
   * every request in that second shares one reading. A publication on this node starts a new one
   * at once; other nodes see it within that second.
   */
  Snapshot snapshot() {
    Cached c = cached;
    long now = System.nanoTime();
    if (c != null && now - c.at() < properties.snapshotCache().toNanos()) {
      return c.snapshot();
    }
    Snapshot fresh = read();
    cached = new Cached(fresh, now);
    return fresh;
  }

  void changed() {
    cached = null;
  }

  private Snapshot read() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant since = now.minus(Duration.ofDays(properties.resolvedDays()));
    List<PublicIncident> all = store.incidents(since);
    List<PublicMaintenance> planned = maintenanceStore.maintenances(since);
    Map<String, Object> page = page(all, planned);
    List<Map<String, Object>> comps = components(all, planned, page);
    List<Map<String, Object>> unresolved = new ArrayList<>();
    List<Map<String, Object>> incidents = new ArrayList<>();
    String indicator = "none";
    for (PublicIncident i : all) {
      Map<String, Object> doc = incident(i, page, comps);
      incidents.add(doc);
      if (!i.resolved()) {
        unresolved.add(doc);
        indicator = PublicStatus.worseImpact(indicator, PublicStatus.impactOf(i.componentStatus()));
      }
    }
    List<Map<String, Object>> maintenances = new ArrayList<>();
    List<Map<String, Object>> upcoming = new ArrayList<>();
    List<Map<String, Object>> active = new ArrayList<>();
    for (PublicMaintenance m : planned) {
      Map<String, Object> doc = maintenance(m, page, comps);
      maintenances.add(doc);
      if (m.upcoming()) {
        upcoming.add(doc);
      } else if (m.active()) {
        active.add(doc);
      }
    }
    // Statuspage's page indicator says "maintenance" while a window runs and nothing is worse.
    if (indicator.equals("none") && !active.isEmpty()) {
      indicator = "maintenance";
    }
    // Statuspage lists the newest first.
    java.util.Collections.reverse(maintenances);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("indicator", indicator);
    status.put("description", PublicStatus.describe(indicator));
    return new Snapshot(page, comps, unresolved, incidents, status, maintenances, upcoming, active);
  }

  Map<String, Object> summary(Snapshot s) {
    Map<String, Object> doc = withPage(s);
    doc.put("components", s.components());
    doc.put("incidents", s.unresolved());
    // Statuspage's summary: maintenances upcoming or in progress.
    List<Map<String, Object>> current = new ArrayList<>(s.active());
    current.addAll(s.upcoming());
    doc.put("scheduled_maintenances", current);
    doc.put("status", s.status());
    return doc;
  }

  Map<String, Object> status(Snapshot s) {
    Map<String, Object> doc = withPage(s);
    doc.put("status", s.status());
    return doc;
  }

  Map<String, Object> components(Snapshot s) {
    Map<String, Object> doc = withPage(s);
    doc.put("components", s.components());
    return doc;
  }

  Map<String, Object> incidents(Snapshot s, boolean unresolvedOnly) {
    Map<String, Object> doc = withPage(s);
    doc.put("incidents", unresolvedOnly ? s.unresolved() : s.incidents());
    return doc;
  }

  /** Which maintenances a document lists: all recent ones (completed in the last N days too), upcoming, active. */
  enum Maintenances { ALL, UPCOMING, ACTIVE }

  Map<String, Object> maintenances(Snapshot s, Maintenances which) {
    Map<String, Object> doc = withPage(s);
    doc.put("scheduled_maintenances", switch (which) {
      case ALL -> s.maintenances();
      case UPCOMING -> s.upcoming();
      case ACTIVE -> s.active();
    });
    return doc;
  }

  private Map<String, Object> withPage(Snapshot s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("page", s.page());
    return doc;
  }

  private Map<String, Object> page(List<PublicIncident> all, List<PublicMaintenance> planned) {
    Instant updated = java.util.stream.Stream.concat(all.stream().map(PublicIncident::updatedAt),
        planned.stream().map(PublicMaintenance::updatedAt)).max(Instant::compareTo).orElse(started);
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("id", slug(properties.name()));
    page.put("name", properties.name());
    page.put("url", properties.url() == null ? "" : properties.url());
    page.put("time_zone", "Etc/UTC");
    page.put("updated_at", time(updated.isAfter(started) ? updated : started));
    return page;
  }

  private List<Map<String, Object>> components(List<PublicIncident> all, List<PublicMaintenance> planned,
      Map<String, Object> page) {
    List<Map<String, Object>> out = new ArrayList<>();
    int position = 1;
    for (String name : components.all()) {
      String status = "operational";
      Instant updated = started;
      for (PublicIncident i : all) {
        if (i.components().contains(name)) {
          if (!i.resolved()) {
            status = PublicStatus.worseComponent(status, i.componentStatus());
          }
          updated = i.updatedAt().isAfter(updated) ? i.updatedAt() : updated;
        }
      }
      for (PublicMaintenance m : planned) {
        if (m.components().contains(name)) {
          if (m.active()) {
            status = PublicStatus.worseComponent(status, "under_maintenance");
          }
          updated = m.updatedAt().isAfter(updated) ? m.updatedAt() : updated;
        }
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", slug(name));
      c.put("name", name);
      c.put("status", status);
      c.put("created_at", time(started));
      c.put("updated_at", time(updated));
      c.put("position", position++);
      c.put("description", null);
      c.put("showcase", true);
      c.put("start_date", null);
      c.put("group_id", null);
      c.put("page_id", page.get("id"));
      c.put("group", false);
      c.put("only_show_if_degraded", false);
      out.add(c);
    }
    return out;
  }

  private Map<String, Object> incident(PublicIncident i, Map<String, Object> page, List<Map<String, Object>> comps) {
    List<Map<String, Object>> affected = affected(i.components(), comps);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", i.id());
    doc.put("name", i.name());
    doc.put("status", i.status());
    doc.put("created_at", time(i.createdAt()));
    doc.put("updated_at", time(i.updatedAt()));
    doc.put("monitoring_at", time(i.monitoringAt()));
    doc.put("resolved_at", time(i.resolvedAt()));
    doc.put("impact", PublicStatus.impactOf(i.componentStatus()));
    doc.put("shortlink", shortlink("incident-" + i.id()));
    doc.put("started_at", time(i.createdAt()));
    doc.put("page_id", page.get("id"));
    String newStatus = i.resolved() ? "operational" : i.componentStatus();
    doc.put("incident_updates", i.updates().stream().map(u -> update(u, i.id(), affected, newStatus)).toList());
    doc.put("components", affected);
    return doc;
  }

  /** One maintenance in Statuspage's scheduled-maintenance shape; a cancelled one is completed, its last update says so. */
  private Map<String, Object> maintenance(PublicMaintenance m, Map<String, Object> page,
      List<Map<String, Object>> comps) {
    List<Map<String, Object>> affected = affected(m.components(), comps);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", m.id());
    doc.put("name", m.name());
    doc.put("status", m.status());
    doc.put("created_at", time(m.createdAt()));
    doc.put("updated_at", time(m.updatedAt()));
    doc.put("monitoring_at", null);
    doc.put("resolved_at", time(m.completedAt()));
    doc.put("impact", "none");
    doc.put("shortlink", shortlink("maintenance-" + m.id()));
    doc.put("started_at", time(m.startedAt() == null ? m.scheduledFor() : m.startedAt()));
    doc.put("page_id", page.get("id"));
    doc.put("incident_updates", m.updates().stream().map(u -> update(u, m.id(), affected,
        u.status().equals("in_progress") || u.status().equals("verifying") ? "under_maintenance" : "operational"))
        .toList());
    doc.put("components", affected);
    doc.put("scheduled_for", time(m.scheduledFor()));
    doc.put("scheduled_until", time(m.scheduledUntil()));
    return doc;
  }

  /** The page's components named by an incident or maintenance, in the page's order. */
  private static List<Map<String, Object>> affected(List<String> names, List<Map<String, Object>> comps) {
    return comps.stream().filter(c -> names.contains((String) c.get("name"))).toList();
  }

  private String shortlink(String anchor) {
    return (properties.url() == null ? "/status" : properties.url()) + "#" + anchor;
  }

  /** One entry of {@code incident_updates}, for incidents and maintenances alike (Statuspage's shape). */
  private static Map<String, Object> update(PublicUpdate u, String parentId, List<Map<String, Object>> affected,
      String newStatus) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", u.id());
    d.put("status", u.status());
    d.put("body", u.body());
    d.put("incident_id", parentId);
    d.put("created_at", time(u.createdAt()));
    d.put("updated_at", time(u.createdAt()));
    d.put("display_at", time(u.createdAt()));
    d.put("affected_components", affected.stream().map(c -> {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("code", c.get("id"));
      a.put("name", c.get("name"));
      a.put("old_status", "operational");
      a.put("new_status", newStatus);
      return a;
    }).toList());
    d.put("deliver_notifications", true);
    return d;
  }

  static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return s.isEmpty() ? "page" : s;
  }

  static String time(Instant at) {
    return at == null ? null : TIME.format(at.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
  }
}
