package io.firebreak.oncall;

import io.firebreak.oncall.Catalog.Person;
import io.firebreak.oncall.Catalog.Schedule;
import io.firebreak.oncall.Catalog.Service;
import io.firebreak.oncall.Catalog.Shift;
import io.firebreak.oncall.Catalog.Team;
import io.firebreak.oncall.Catalog.ThirdParty;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What {@code /oncall} and {@code /api/oncall} show: every service and who is on call for it at a time. */
@Component
class OnCallBoard {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  record Board(Instant at, String catalog, String reloadProblem, List<ServiceEntry> services) {}

  record ServiceEntry(String id, String name, String description, int tier, TeamEntry team, String slackChannel,
      String runbook, String statusPageComponent, String schedule, String timeZone, OnCall primary, OnCall secondary,
      List<PersonEntry> experts, List<ThirdParty> thirdParties, List<String> dependencies,
      Map<String, String> escalationPolicy) {}

  record TeamEntry(String id, String name, String slackChannel) {}

  record PersonEntry(String id, String name, String email) {}

  /** Who holds a layer now and until when ({@code untilLocal} in the schedule's zone, for people). */
  record OnCall(String id, String name, String email, Instant until, String untilLocal, boolean override) {}

  private final OnCallService onCall;
  private final CatalogStore store;

  OnCallBoard(OnCallService onCall, CatalogStore store) {
    this.onCall = onCall;
    this.store = store;
  }

  Board at(Instant at) {
    Catalog catalog = onCall.catalog();
    List<ServiceEntry> services = catalog.services().values().stream().map(s -> entry(catalog, s, at)).toList();
    return new Board(at, store.location(), store.lastError(), services);
  }

  private ServiceEntry entry(Catalog catalog, Service s, Instant at) {
    Team team = s.team() == null ? null : catalog.teams().get(s.team());
    Schedule schedule = s.schedule() == null ? null : catalog.schedules().get(s.schedule());
    return new ServiceEntry(s.id(), s.name(), s.description(), s.tier(),
        team == null ? null : new TeamEntry(team.id(), team.name(), team.slackChannel()),
        s.slackChannel(), s.runbook(), s.statusPageComponent(), s.schedule(),
        schedule == null ? null : schedule.zone().getId(),
        layer(catalog, schedule, "primary", at), layer(catalog, schedule, "secondary", at),
        s.experts().stream().map(id -> person(catalog, id)).toList(), s.thirdParties(), s.dependencies(),
        s.escalationPolicies());
  }

  private OnCall layer(Catalog catalog, Schedule schedule, String layer, Instant at) {
    if (schedule == null || !schedule.layers().containsKey(layer)) {
      return null;
    }
    Shift shift = schedule.onCall(layer, at);
    PersonEntry p = person(catalog, shift.user());
    return new OnCall(p.id(), p.name(), p.email(), shift.until(), local(shift.until(), schedule.zone()), shift.override());
  }

  static String local(Instant instant, ZoneId zone) {
    return LOCAL.format(instant.atZone(zone)) + " " + zone.getId();
  }

  private static PersonEntry person(Catalog catalog, String id) {
    Person p = catalog.people().get(id);
    return p == null ? new PersonEntry(id, id, null) : new PersonEntry(id, p.name(), p.email());
  }
}
