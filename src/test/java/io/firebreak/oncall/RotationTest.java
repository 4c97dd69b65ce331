package io.firebreak.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.oncall.Catalog.Rotation;
import io.firebreak.oncall.Catalog.Schedule;
import io.firebreak.oncall.Catalog.ScheduleOverride;
import io.firebreak.oncall.Catalog.Shift;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rotation maths: hand-offs, time zones, daylight saving, hour-based shifts and overrides. */
class RotationTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Schedule weekly(ZoneId zone, String start, List<ScheduleOverride> overrides) {
    Rotation rotation = new Rotation(List.of("ana", "ben", "cleo"), LocalDateTime.parse(start),
        CatalogParser.length("P7D"));
    return new Schedule("team", zone, Map.of("primary", rotation), overrides);
  }

  private static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  @Test
  void weeklyRotationHandsOverAtTheHandOffTimeInTheScheduleZone() {
    Schedule s = weekly(BERLIN, "2026-01-05T09:00", List.of());

    assertThat(s.onCall("primary", at("2026-01-05T09:00", BERLIN)).user()).isEqualTo("ana");
    assertThat(s.onCall("primary", at("2026-01-12T08:59", BERLIN)).user()).isEqualTo("ana");
    assertThat(s.onCall("primary", at("2026-01-12T09:00", BERLIN)).user()).isEqualTo("ben");
    assertThat(s.onCall("primary", at("2026-01-19T09:00", BERLIN)).user()).isEqualTo("cleo");
    // After the last user the rotation starts again with the first.
    assertThat(s.onCall("primary", at("2026-01-26T09:00", BERLIN)).user()).isEqualTo("ana");
    // Weeks later, and before the start (the rotation is extended backwards).
    assertThat(s.onCall("primary", at("2026-04-13T12:00", BERLIN)).user()).isEqualTo("cleo"); // 14 weeks on: 14 mod 3 = 2
    assertThat(s.onCall("primary", at("2026-01-05T08:59", BERLIN)).user()).isEqualTo("cleo");

    Shift shift = s.onCall("primary", at("2026-01-14T03:00", BERLIN));
    assertThat(shift.from()).isEqualTo(at("2026-01-12T09:00", BERLIN));
    assertThat(shift.until()).isEqualTo(at("2026-01-19T09:00", BERLIN));
    assertThat(shift.override()).isFalse();
  }

  @Test
  void theSameInstantIsADifferentShiftInAnotherTimeZone() {
    Schedule berlin = weekly(BERLIN, "2026-01-05T09:00", List.of());
    Schedule newYork = weekly(NEW_YORK, "2026-01-05T09:00", List.of());
    // Monday 2026-01-12 12:00 UTC: 13:00 in Berlin (after the hand-off), 07:00 in New York (before it).
    Instant instant = Instant.parse("2026-01-12T12:00:00Z");
    assertThat(berlin.onCall("primary", instant).user()).isEqualTo("ben");
    assertThat(newYork.onCall("primary", instant).user()).isEqualTo("ana");
    assertThat(newYork.onCall("primary", instant).until()).isEqualTo(Instant.parse("2026-01-12T14:00:00Z"));
  }

  @Test
  void handOffStaysAtNineLocalAcrossDaylightSavingChanges() {
    // Europe/Berlin springs forward on 2026-03-29 and falls back on 2026-10-25.
    Schedule s = weekly(BERLIN, "2026-03-23T09:00", List.of());
    Shift beforeSpring = s.onCall("primary", at("2026-03-25T12:00", BERLIN));
    assertThat(beforeSpring.user()).isEqualTo("ana");
    // The week containing the change is 167 hours long, and the hand-off is still 09:00 local.
    assertThat(beforeSpring.until()).isEqualTo(ZonedDateTime.of(2026, 3, 30, 9, 0, 0, 0, BERLIN).toInstant());
    assertThat(java.time.Duration.between(beforeSpring.from(), beforeSpring.until()).toHours()).isEqualTo(167);
    assertThat(s.onCall("primary", Instant.parse("2026-03-30T06:59:00Z")).user()).isEqualTo("ana"); // 08:59 CEST
    assertThat(s.onCall("primary", Instant.parse("2026-03-30T07:00:00Z")).user()).isEqualTo("ben"); // 09:00 CEST

    Schedule autumn = weekly(BERLIN, "2026-10-19T09:00", List.of());
    Shift acrossFallBack = autumn.onCall("primary", at("2026-10-25T02:30", BERLIN));
    assertThat(acrossFallBack.user()).isEqualTo("ana");
    assertThat(java.time.Duration.between(acrossFallBack.from(), acrossFallBack.until()).toHours()).isEqualTo(169);
    assertThat(autumn.onCall("primary", Instant.parse("2026-10-26T07:59:00Z")).user()).isEqualTo("ana"); // 08:59 CET
    assertThat(autumn.onCall("primary", Instant.parse("2026-10-26T08:00:00Z")).user()).isEqualTo("ben"); // 09:00 CET
  }

  @Test
  void twelveHourShiftsAreExactDurations() {
    Rotation rotation = new Rotation(List.of("day", "night"), LocalDateTime.parse("2026-01-05T08:00"),
        CatalogParser.length("PT12H"));
    Schedule s = new Schedule("sre", ZoneId.of("UTC"), Map.of("primary", rotation), List.of());
    assertThat(s.onCall("primary", Instant.parse("2026-01-05T19:59:00Z")).user()).isEqualTo("day");
    assertThat(s.onCall("primary", Instant.parse("2026-01-05T20:00:00Z")).user()).isEqualTo("night");
    assertThat(s.onCall("primary", Instant.parse("2026-01-06T08:00:00Z")).user()).isEqualTo("day");
    assertThat(s.onCall("primary", Instant.parse("2026-01-06T08:00:00Z")).until()).isEqualTo(Instant.parse("2026-01-06T20:00:00Z"));
  }

  @Test
  void anOverrideReplacesTheRotationForItsRangeAndShortensTheShiftBeforeIt() {
    ScheduleOverride holiday = new ScheduleOverride("primary", "dora",
        LocalDateTime.parse("2026-01-14T00:00"), LocalDateTime.parse("2026-01-16T00:00"));
    Schedule s = weekly(BERLIN, "2026-01-05T09:00", List.of(holiday));

    Shift before = s.onCall("primary", at("2026-01-13T10:00", BERLIN));
    assertThat(before.user()).isEqualTo("ben");
    assertThat(before.until()).as("ben hands over to the override").isEqualTo(at("2026-01-14T00:00", BERLIN));

    Shift during = s.onCall("primary", at("2026-01-14T00:00", BERLIN));
    assertThat(during.user()).isEqualTo("dora");
    assertThat(during.override()).isTrue();
    assertThat(during.until()).isEqualTo(at("2026-01-16T00:00", BERLIN));
    assertThat(s.onCall("primary", at("2026-01-15T23:59", BERLIN)).user()).isEqualTo("dora");

    Shift after = s.onCall("primary", at("2026-01-16T00:00", BERLIN));
    assertThat(after.user()).isEqualTo("ben");
    assertThat(after.override()).isFalse();
    assertThat(after.until()).isEqualTo(at("2026-01-19T09:00", BERLIN));
  }

  @Test
  void rotationLengthsAreIsoDaysOrDurations() {
    assertThat(CatalogParser.length("P7D").days()).isEqualTo(7);
    assertThat(CatalogParser.length("P1W").days()).isEqualTo(7);
    assertThat(CatalogParser.length("PT24H").days()).isEqualTo(1);
    assertThat(CatalogParser.length("PT8H").time()).isEqualTo(java.time.Duration.ofHours(8));
    assertThat(CatalogParser.length("P1M")).as("months have no fixed length").isNull();
    assertThat(CatalogParser.length("weekly")).isNull();
    assertThat(CatalogParser.length("PT0S")).isNull();
  }
}
