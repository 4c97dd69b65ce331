package io.firebreak.oncall;

import io.firebreak.oncall.Catalog.Length;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.Range;

/**
 * The catalog file as written, bound from YAML by {@link CatalogParser}: one record per mapping,
 * whose components are the only fields allowed there (any other key is a typo and an error). The
 * constraints check one field each; checks across fields and references are in the parser. An
 * absent optional field is null here and gets its default when the {@link Catalog} is built.
 */
record CatalogFile(
    Map<String, @Valid Person> people,
    Map<String, @Valid Team> teams,
    Map<String, @Valid Schedule> schedules,
    Map<String, @Valid Policy> policies,
    @NotEmpty(message = "is required: the catalog lists at least one service") Map<String, @Valid Service> services) {

  static final String REQUIRED = "is required";
  static final String WHOLE_NUMBER = "must be a whole number from {min} to {max}, got \"${validatedValue}\"";

  record Person(
      String name,
      @Pattern(regexp = "[^@\\s]+@[^@\\s]+", message = "is not an email address: \"${validatedValue}\"") String email,
      List<String> groups) {}

  record Team(String name, String slackChannel, List<String> members, @Valid WorkingHours workingHours) {}

  /** {@code days} is parsed by the parser ({@code MON-FRI}, {@code MON,WED}); default Monday to Friday. */
  record WorkingHours(
      @NotNull(message = REQUIRED) ZoneId timeZone,
      String days,
      @NotNull(message = REQUIRED) LocalTime from,
      @NotNull(message = REQUIRED) LocalTime to) {}

  record Schedule(
      @NotNull(message = REQUIRED) ZoneId timeZone,
      @NotEmpty(message = "needs at least one layer (e.g. primary)") Map<String, @Valid Rotation> layers,
      List<@Valid ScheduleOverride> overrides) {}

  /** {@code handoff} defaults to 09:00. */
  record Rotation(
      @NotEmpty(message = "needs at least one user") List<String> users,
      @NotNull(message = REQUIRED) LocalDate start,
      LocalTime handoff,
      @NotNull(message = REQUIRED) Length length) {}

  record ScheduleOverride(
      @NotNull(message = REQUIRED) String layer,
      @NotNull(message = REQUIRED) String user,
      @NotNull(message = REQUIRED) LocalDateTime from,
      @NotNull(message = REQUIRED) LocalDateTime until) {}

  /** {@code repeat} defaults to 0. */
  record Policy(
      String description,
      @Range(min = 0, max = 10, message = WHOLE_NUMBER) Integer repeat,
      @NotEmpty(message = "needs at least one level") List<@Valid Level> levels) {}

  /** Exactly one of layer, user and group (checked by the parser). */
  record Level(
      String layer,
      String schedule,
      String user,
      String group,
      @NotNull(message = "is required: minutes to wait for an acknowledgement before the next level")
      @Range(min = 1, max = 24 * 60, message = WHOLE_NUMBER) Integer delayMinutes) {}

  /**
   * {@code name} defaults to the id, {@code tier} to 3. {@code escalationPolicy} maps severities
   * (SEV1…SEV5, default) to policy ids; a single id in the file stands for {@code {default: id}}.
   */
  record Service(
      String name,
      String description,
      @Range(min = 1, max = 4, message = WHOLE_NUMBER) Integer tier,
      @NotNull(message = REQUIRED) String team,
      String slackChannel,
      @NotNull(message = REQUIRED)
      @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL, got \"${validatedValue}\"") String runbook,
      List<String> experts,
      List<String> dependencies,
      List<@Valid ThirdParty> thirdParties,
      String statusPageComponent,
      String schedule,
      @NotEmpty(message = "is required: a policy id, or a map of severity (SEV1…SEV5, default) to policy id")
      Map<String, String> escalationPolicy) {}

  record ThirdParty(@NotNull(message = REQUIRED) String name, @NotNull(message = REQUIRED) String contact) {}
}
