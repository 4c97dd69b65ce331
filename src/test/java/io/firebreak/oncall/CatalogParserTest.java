package io.firebreak.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firebreak.oncall.CatalogParser.InvalidCatalogException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;

/** Catalog validation (every error with line and field) and reloading that keeps the last good file. */
class CatalogParserTest {

  private static final String VALID = """
      people:
        ana: {name: Ana, email: ana@example.com}
        ben: {name: Ben, email: ben@example.com, groups: [leadership]}
      teams:
        pay: {name: Payments, members: [ana, ben]}
      schedules:
        pay:
          timeZone: Europe/Berlin
          layers:
            primary: {users: [ana, ben], start: 2026-01-05, handoff: "09:00", length: P7D}
      policies:
        std:
          levels:
            - {layer: primary, delayMinutes: 10}
            - {group: leadership, delayMinutes: 10}
      services:
        payments:
          team: pay
          runbook: https://runbooks.example.com/payments
          schedule: pay
          escalationPolicy: std
      """;

  private static List<String> errors(String yaml) {
    try {
      CatalogParser.parse("catalog.yaml", yaml);
    } catch (InvalidCatalogException e) {
      return e.errors();
    }
    throw new AssertionError("expected the catalog to be rejected");
  }

  @Test
  void theShippedExampleIsValidAndBelievable() throws IOException {
    String text = new ClassPathResource("oncall/catalog.yaml").getContentAsString(StandardCharsets.UTF_8);
    Catalog c = CatalogParser.parse("catalog.yaml", text);
    assertThat(c.services()).hasSizeGreaterThanOrEqualTo(5).containsKeys("payments-api", "storefront");
    assertThat(c.teams()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(c.people().values()).allSatisfy(p -> assertThat(p.email()).endsWith("@example.com"));
    // Every service has a primary and a secondary on call at any time.
    Instant now = Instant.now();
    c.services().values().forEach(s -> {
      var schedule = c.schedules().get(s.schedule());
      assertThat(schedule.onCall("primary", now).user()).isIn(c.people().keySet());
      assertThat(schedule.onCall("secondary", now).user()).isIn(c.people().keySet());
    });
  }

  @Test
  void aValidCatalogReadsEveryPart() {
    Catalog c = CatalogParser.parse("catalog.yaml", VALID);
    assertThat(c.service("payments")).hasValueSatisfying(s -> {
      assertThat(s.name()).isEqualTo("payments");
      assertThat(s.tier()).isEqualTo(3);
      assertThat(s.policyFor("SEV1")).isEqualTo("std");
    });
    assertThat(c.schedules().get("pay").layers().get("primary").length().days()).isEqualTo(7);
  }

  private static String withHours(String hours) {
    return VALID.replace("pay: {name: Payments, members: [ana, ben]}",
        "pay:\n    name: Payments\n    members: [ana, ben]\n    workingHours:\n" + hours.indent(6).stripTrailing());
  }

  @Test
  void aTeamsWorkingHoursAreReadAndATeamWithoutThemWorksAroundTheClock() {
    Catalog c = CatalogParser.parse("catalog.yaml", withHours("""
        timeZone: Europe/Berlin
        days: MON-THU,SAT
        from: "09:00"
        to: "17:30"
        """));
    Catalog.WorkingHours h = c.teams().get("pay").workingHours();
    assertThat(h.zone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
    assertThat(h.days()).containsExactlyInAnyOrder(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.TUESDAY,
        java.time.DayOfWeek.WEDNESDAY, java.time.DayOfWeek.THURSDAY, java.time.DayOfWeek.SATURDAY);
    assertThat(h.from()).isEqualTo(java.time.LocalTime.of(9, 0));
    assertThat(h.to()).isEqualTo(java.time.LocalTime.of(17, 30));
    // days default to Monday to Friday
    assertThat(CatalogParser.parse("catalog.yaml", withHours("timeZone: UTC\nfrom: \"08:00\"\nto: \"16:00\"\n"))
        .teams().get("pay").workingHours().days()).hasSize(5).doesNotContain(java.time.DayOfWeek.SATURDAY);
    assertThat(CatalogParser.parse("catalog.yaml", VALID).teams().get("pay").workingHours()).isNull();
  }

  @Test
  void workingHoursInsideAndNextStartFollowTheTeamsZone() {
    Catalog.WorkingHours h = new Catalog.WorkingHours(java.time.ZoneId.of("Europe/Berlin"), CatalogParser.days("MON-FRI"),
        java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0));
    // Friday 2026-03-06 in Berlin (UTC+1)
    assertThat(h.inside(Instant.parse("2026-03-06T08:00:00Z"))).isTrue();   // 09:00 Berlin
    assertThat(h.inside(Instant.parse("2026-03-06T16:00:00Z"))).isFalse();  // 17:00 Berlin
    assertThat(h.inside(Instant.parse("2026-03-06T07:59:00Z"))).isFalse();
    assertThat(h.nextStart(Instant.parse("2026-03-06T17:00:00Z"))).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
    assertThat(h.nextStart(Instant.parse("2026-03-04T05:00:00Z"))).isEqualTo(Instant.parse("2026-03-04T08:00:00Z"));
    assertThat(h.nextStart(Instant.parse("2026-03-04T10:00:00Z"))).isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));
    // across the change to summer time (Sunday 2026-03-29): Monday 09:00 Berlin is 07:00 UTC
    assertThat(h.nextStart(Instant.parse("2026-03-27T18:00:00Z"))).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
  }

  @Test
  void workingHoursErrorsNameTheLineAndTheField() {
    assertThat(errors(withHours("""
        timeZone: Mars/Olympus
        days: MON-FUN
        from: 9am
        to: "08:00"
        lunch: "12:00"
        """))).containsExactlyInAnyOrder(
        "catalog.yaml line 9: teams.pay.workingHours.timeZone: is not a time zone: \"Mars/Olympus\" (use a region id such as Europe/Berlin)",
        "catalog.yaml line 10: teams.pay.workingHours.days: is not a set of days: \"MON-FUN\" (e.g. MON-FRI, or MON,TUE,THU)",
        "catalog.yaml line 11: teams.pay.workingHours.from: is not a time of day (HH:MM): \"9am\"",
        "catalog.yaml line 13: teams.pay.workingHours.lunch: unknown field (allowed: days, from, timeZone, to)");
    assertThat(errors(withHours("timeZone: UTC\ndays: FRI-MON\nfrom: \"17:00\"\nto: \"09:00\"\n"))).containsExactlyInAnyOrder(
        "catalog.yaml line 10: teams.pay.workingHours.days: is not a set of days: \"FRI-MON\" (e.g. MON-FRI, or MON,TUE,THU)",
        "catalog.yaml line 12: teams.pay.workingHours.to: must be after from (17:00); hours across midnight are not supported");
    assertThat(errors(withHours("days: MON-FRI\n"))).containsExactlyInAnyOrder(
        "catalog.yaml line 8: teams.pay.workingHours.timeZone: is required",
        "catalog.yaml line 8: teams.pay.workingHours.from: is required",
        "catalog.yaml line 8: teams.pay.workingHours.to: is required");
  }

  @Test
  void fieldErrorsNameTheLineAndTheField() {
    String yaml = VALID
        .replace("runbook: https://runbooks.example.com/payments", "runbook: wiki/payments\n    tier: five")
        .replace("length: P7D", "length: weekly")
        .replace("timeZone: Europe/Berlin", "timeZone: Mars/Olympus")
        .replace("email: ana@example.com", "email: ana-at-example")
        .replace("- {group: leadership, delayMinutes: 10}", "- {group: leadership}");
    assertThat(errors(yaml)).containsExactlyInAnyOrder(
        "catalog.yaml line 2: people.ana.email: is not an email address: \"ana-at-example\"",
        "catalog.yaml line 8: schedules.pay.timeZone: is not a time zone: \"Mars/Olympus\" (use a region id such as Europe/Berlin)",
        "catalog.yaml line 10: schedules.pay.layers.primary.length: is not a rotation length: \"weekly\" "
            + "(ISO-8601: P7D for a week, P1D for a day, PT12H for twelve hours)",
        "catalog.yaml line 15: policies.std.levels[1].delayMinutes: is required: minutes to wait for an acknowledgement before the next level",
        "catalog.yaml line 19: services.payments.runbook: must be an http(s) URL, got \"wiki/payments\"",
        "catalog.yaml line 20: services.payments.tier: must be a whole number from 1 to 4, got \"five\"");
  }

  @Test
  void unknownFieldsAndBrokenReferencesAreErrorsAtTheirLine() {
    String yaml = VALID
        .replace("team: pay", "team: payments-team\n    runbok: typo")
        .replace("layers:\n      primary: {users: [ana, ben]", "layers:\n      primary: {users: [ana, zed]")
        .replace("escalationPolicy: std", "escalationPolicy: {default: std, SEV9: std, SEV1: urgent}");
    assertThat(errors(yaml)).containsExactlyInAnyOrder(
        "catalog.yaml line 19: services.payments.runbok: unknown field (allowed: dependencies, description, escalationPolicy, "
            + "experts, name, runbook, schedule, slackChannel, statusPageComponent, team, thirdParties, tier)",
        "catalog.yaml line 22: services.payments.escalationPolicy.SEV9: is not a severity (SEV1…SEV5 or default)",
        "catalog.yaml line 10: schedules.pay.layers.primary.users: unknown person \"zed\" (add them under people with name and email)",
        "catalog.yaml line 18: services.payments.team: unknown team \"payments-team\" (teams: [pay])",
        "catalog.yaml line 22: services.payments.escalationPolicy.SEV1: unknown escalation policy \"urgent\" (policies: [std])");
  }

  @Test
  void aPolicyPagingALayerTheServiceScheduleLacksIsAnError() {
    String yaml = VALID.replace("- {layer: primary, delayMinutes: 10}", "- {layer: secondary, delayMinutes: 10}");
    assertThat(errors(yaml)).containsExactly("catalog.yaml line 21: services.payments.escalationPolicy: policy std pages "
        + "layer \"secondary\", which schedule pay does not have (layers: [primary])");
  }

  @Test
  void idsWithDotsBindAndRepeatedKeysEmptyEntriesAndWrongShapesAreErrorsAtTheirLine() {
    Catalog c = CatalogParser.parse("catalog.yaml", VALID.replace("ana", "ana.alves").replace("members: [ana.alves, ben]",
        "members: ben"));
    assertThat(c.people()).containsKeys("ana.alves", "ben");
    assertThat(c.teams().get("pay").members()).containsExactly("ben");
    assertThat(c.schedules().get("pay").layers().get("primary").users()).containsExactly("ana.alves", "ben");

    String yaml = VALID
        .replace("ben: {name: Ben, email: ben@example.com, groups: [leadership]}",
            "ben: {name: Ben, email: ben@example.com, groups: [leadership]}\n  ana: {name: Ana again}\n  cleo: {}")
        .replace("team: pay", "team: pay\n    team: pay")
        .replace("start: 2026-01-05", "start: [2026-01-05]")
        .replace("runbook: https://runbooks.example.com/payments", "runbook: \"\"");
    assertThat(errors(yaml)).containsExactly(
        "catalog.yaml line 4: people.ana: is defined twice",
        "catalog.yaml line 5: people.cleo: must not be empty (fields: email, groups, name)",
        "catalog.yaml line 12: schedules.pay.layers.primary.start: must be a single value, not a list",
        "catalog.yaml line 21: services.payments.team: is given twice",
        "catalog.yaml line 22: services.payments.runbook: must not be empty");
  }

  @Test
  void brokenYamlIsReportedWithItsLine() {
    assertThat(errors(VALID.replace("teams:", "teams: [oops"))).singleElement().asString()
        .startsWith("catalog.yaml line ").contains("not valid YAML");
  }

  @Test
  void aChangedFileIsReloadedAndAnInvalidChangeKeepsTheLastGoodCatalog(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("catalog.yaml");
    Files.writeString(file, VALID);
    List<Object> events = new ArrayList<>();
    CatalogStore store = new CatalogStore(new OnCallProperties("file:" + file, Duration.ZERO, null), events::add);
    assertThat(store.catalog().services()).containsOnlyKeys("payments");

    Files.writeString(file, VALID + """
          ledger:
            team: pay
            runbook: https://runbooks.example.com/ledger
            escalationPolicy: std
        """.replace("    ledger", "  ledger").replace("      team", "    team").replace("      runbook", "    runbook")
        .replace("      escalationPolicy", "    escalationPolicy"));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    // "ledger" pages layer primary but names no schedule: invalid; the last good catalog stays.
    assertThat(store.catalog().services()).containsOnlyKeys("payments");
    assertThat(store.lastError()).contains("services.ledger.escalationPolicy", "names no schedule");
    assertThat(events).isEmpty();

    Files.writeString(file, VALID.replace("payments:\n    team", "payments:\n    name: Payments API\n    team"));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(store.catalog().service("payments").orElseThrow().name()).isEqualTo("Payments API");
    assertThat(store.lastError()).isNull();
    assertThat(events).hasSize(1);
  }
}
