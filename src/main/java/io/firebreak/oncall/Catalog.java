package io.firebreak.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service catalog and on-call schedules as read from the catalog file ({@link CatalogParser}):
 * people, teams, services, schedules and escalation policies. Immutable; a reload builds a new one.
 */
public record Catalog(
    String source,
    Map<String, Person> people,
    Map<String, Team> teams,
    Map<String, Schedule> schedules,
    Map<String, EscalationPolicy> policies,
    Map<String, Service> services) {

  /** Severity key in a service's {@code escalationPolicy} map that applies to every other severity. */
  public static final String DEFAULT_POLICY_KEY = "default";

  public Optional<Service> service(String id) {
    return Optional.ofNullable(id == null ? null : services.get(id));
  }

  public record Person(String id, String name, String email, List<String> groups) {}

  /**
   * A team; its members become a Camunda group with the team's id. {@code workingHours} is null
   * for a team that works around the clock.
   */
  public record Team(String id, String name, String slackChannel, List<String> members, WorkingHours workingHours) {}

  /**
   * When a team works: on {@code days}, from {@code from} until {@code to} (local times in
   * {@code zone}; {@code to} after {@code from}, no shifts across midnight).
   */
  public record WorkingHours(ZoneId zone, java.util.Set<java.time.DayOfWeek> days, java.time.LocalTime from,
      java.time.LocalTime to) {

    /** Whether {@code at} falls inside the hours ({@code from} inclusive, {@code to} exclusive). */
    public boolean inside(Instant at) {
      ZonedDateTime local = at.atZone(zone);
      java.time.LocalTime time = local.toLocalTime();
      return days.contains(local.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
    }

    /** {@code at} itself when inside the hours, else the next start of a working day. */
    public Instant nextStart(Instant at) {
      if (inside(at)) {
        return at;
      }
      ZonedDateTime local = at.atZone(zone);
      for (int d = 0; d <= 7; d++) {
        java.time.LocalDate day = local.toLocalDate().plusDays(d);
        ZonedDateTime start = day.atTime(from).atZone(zone);
        if (days.contains(day.getDayOfWeek()) && start.toInstant().isAfter(at)) {
          return start.toInstant();
        }
      }
      throw new IllegalStateException("working hours without days");
    }
  }

  public record ThirdParty(String name, String contact) {}

  public record Service(
      String id,
      String name,
      String description,
      int tier,
      String team,
      String slackChannel,
      String runbook,
      List<String> experts,
      List<String> dependencies,
      List<ThirdParty> thirdParties,
      String statusPageComponent,
      String schedule,
      /* severity (SEV1…) or "default" → policy id */
      Map<String, String> escalationPolicies) {

    /** The policy for this severity: its own entry, else {@code default}. */
    public String policyFor(String severity) {
      String specific = severity == null ? null : escalationPolicies.get(severity.toUpperCase(java.util.Locale.ROOT));
      return specific != null ? specific : escalationPolicies.get(DEFAULT_POLICY_KEY);
    }
  }

  /** Who holds a layer between two instants; {@code override} when an override put them there. */
  public record Shift(String user, Instant from, Instant until, boolean override) {}

  /** A schedule: named layers (e.g. primary, secondary), each a rotation, plus overrides. */
  public record Schedule(String id, ZoneId zone, Map<String, Rotation> layers, List<ScheduleOverride> overrides) {

    /** Who is on call in this layer at {@code at}: an override if one covers it, else the rotation. */
    public Shift onCall(String layer, Instant at) {
      Rotation rotation = layers.get(layer);
      if (rotation == null) {
        throw new IllegalArgumentException("schedule " + id + " has no layer " + layer);
      }
      for (ScheduleOverride o : overrides) {
        if (o.layer().equals(layer) && o.covers(at, zone)) {
          return new Shift(o.user(), o.from().atZone(zone).toInstant(), o.until().atZone(zone).toInstant(), true);
        }
      }
      Shift shift = rotation.shiftAt(at, zone);
      // The shift ends early when an override of this layer starts before its hand-off.
      Instant until = shift.until();
      for (ScheduleOverride o : overrides) {
        Instant start = o.from().atZone(zone).toInstant();
        if (o.layer().equals(layer) && start.isAfter(at) && start.isBefore(until)) {
          until = start;
        }
      }
      return new Shift(shift.user(), shift.from(), until, false);
    }
  }

  /**
   * A rotation: {@code users} take turns, the first from {@code start} (a local date-time in the
   * schedule's zone, the first hand-off), each for {@code length}. Lengths in whole days hand off
   * at the same local time every time, across daylight-saving changes; shorter lengths (hours)
   * are exact durations.
   */
  public record Rotation(List<String> users, LocalDateTime start, Length length) {

    Shift shiftAt(Instant at, ZoneId zone) {
      long n;
      ZonedDateTime from;
      ZonedDateTime until;
      if (length.days() > 0) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        long days = ChronoUnit.DAYS.between(start, local);
        if (local.isBefore(start.plusDays(days))) {
          days--;
        }
        n = Math.floorDiv(days, length.days());
        from = start.plusDays(n * length.days()).atZone(zone);
        until = start.plusDays((n + 1) * length.days()).atZone(zone);
      } else {
        ZonedDateTime first = start.atZone(zone);
        long millis = Duration.between(first.toInstant(), at).toMillis();
        n = Math.floorDiv(millis, length.time().toMillis());
        from = first.plus(length.time().multipliedBy(n));
        until = from.plus(length.time());
      }
      String user = users.get((int) Math.floorMod(n, (long) users.size()));
      return new Shift(user, from.toInstant(), until.toInstant(), false);
    }
  }

  /** A rotation length: whole calendar days, or (when {@code days} is 0) an exact duration. */
  public record Length(int days, Duration time) {

    @Override
    public String toString() {
      return days > 0 ? "P" + days + "D" : time.toString();
    }
  }

  /** Someone else holds a layer from {@code from} until {@code until} (local, schedule's zone). */
  public record ScheduleOverride(String layer, String user, LocalDateTime from, LocalDateTime until) {

    boolean covers(Instant at, ZoneId zone) {
      return !at.isBefore(from.atZone(zone).toInstant()) && at.isBefore(until.atZone(zone).toInstant());
    }
  }

  /** Ordered levels, walked {@code 1 + repeat} times until someone acknowledges. */
  public record EscalationPolicy(String id, String description, List<Level> levels, int repeat) {}

  /** What a level pages. */
  public enum LevelKind { LAYER, USER, GROUP }

  /**
   * One level: a schedule layer (of the service's schedule unless {@code schedule} names another),
   * a user or a group, and how many minutes to wait for an acknowledgement before the next level.
   */
  public record Level(LevelKind kind, String target, String schedule, int delayMinutes) {}
}
