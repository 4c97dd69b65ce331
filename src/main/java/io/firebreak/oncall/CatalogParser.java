package io.firebreak.oncall;

import io.firebreak.oncall.Catalog.EscalationPolicy;
import io.firebreak.oncall.Catalog.Length;
import io.firebreak.oncall.Catalog.Level;
import io.firebreak.oncall.Catalog.LevelKind;
import io.firebreak.oncall.Catalog.Person;
import io.firebreak.oncall.Catalog.Rotation;
import io.firebreak.oncall.Catalog.Schedule;
import io.firebreak.oncall.Catalog.ScheduleOverride;
import io.firebreak.oncall.Catalog.Service;
import io.firebreak.oncall.Catalog.Team;
import io.firebreak.oncall.Catalog.ThirdParty;
import io.firebreak.oncall.Catalog.WorkingHours;
import io.firebreak.platform.FirebreakGroups;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.hibernate.validator.constraints.Range;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.support.DefaultConversionService;

/**
 * Reads and validates the catalog file: its YAML becomes an origin-tracked property source, Spring
 * Boot's {@link Binder} binds it to {@link CatalogFile} (converting times, zones and lengths), Bean
 * Validation checks each field, and the checks across fields and the references follow here.
 * Every problem is reported with the file, the line and the field path
 * ({@code services.payments-api.tier}), all at once, so an operator can fix a file in one pass;
 * any problem rejects the whole file.
 */
final class CatalogParser {

  static final Set<String> SEVERITIES = Set.of("SEV1", "SEV2", "SEV3", "SEV4", "SEV5");
  /** An element of a Binder name: {@code [key]} or {@code [0]}, or a dashed field name. */
  private static final Pattern BINDER_ELEMENT = Pattern.compile("\\[([^\\]]*)\\]|([^.\\[]+)");
  private static final DefaultConversionService CONVERSIONS = new DefaultConversionService();
  /** What a value that does not convert to the type is, {@code %s} the value (integers: see {@link Range}). */
  private static final Map<Class<?>, String> NOT_A = Map.of(
      ZoneId.class, "is not a time zone: \"%s\" (use a region id such as Europe/Berlin)",
      LocalTime.class, "is not a time of day (HH:MM): \"%s\"",
      LocalDate.class, "is not a date (YYYY-MM-DD): \"%s\"",
      LocalDateTime.class, "is not a local date-time (YYYY-MM-DDTHH:MM, in the schedule's time zone): \"%s\"",
      Length.class, "is not a rotation length: \"%s\" (ISO-8601: P7D for a week, P1D for a day, PT12H for twelve hours)");

  private static final Map<Class<?>, Object> STAND_INS = Map.of(Integer.class, 0, ZoneId.class, ZoneId.of("UTC"),
      LocalTime.class, LocalTime.MIDNIGHT, LocalDate.class, LocalDate.EPOCH, LocalDateTime.class,
      LocalDate.EPOCH.atStartOfDay(), Length.class, new Length(1, null));

  static {
    CONVERSIONS.addConverter(String.class, ZoneId.class, ZoneId::of);
    CONVERSIONS.addConverter(String.class, LocalTime.class, LocalTime::parse);
    CONVERSIONS.addConverter(String.class, LocalDate.class, LocalDate::parse);
    CONVERSIONS.addConverter(String.class, LocalDateTime.class,
        v -> v.length() == 10 ? LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v.replace(' ', 'T')));
    CONVERSIONS.addConverter(String.class, Length.class, CatalogParser::lengthOrFail);
  }

  /** Built on first use: Hibernate Validator takes a moment to start. */
  private static final class Validators {
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
  }

  /** The catalog file is invalid; {@link #errors()} lists every problem with its line and field. */
  static final class InvalidCatalogException extends RuntimeException {
    private final List<String> errors;

    InvalidCatalogException(String source, List<String> errors) {
      super("invalid catalog " + source + " (" + errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + "):\n  "
          + String.join("\n  ", errors));
      this.errors = List.copyOf(errors);
    }

    List<String> errors() {
      return errors;
    }
  }

  private final String source;
  private final CatalogSource yaml;

  private CatalogParser(String source, String text) {
    this.source = source;
    this.yaml = new CatalogSource(source, text);
  }

  /** Parses {@code text} (read from {@code source}, named in errors) or throws with every problem found. */
  static Catalog parse(String source, String text) {
    return new CatalogParser(source, text).read();
  }

  private Catalog read() {
    CatalogFile file = bind();
    for (ConstraintViolation<CatalogFile> v : Validators.VALIDATOR.validate(file)) {
      String path = path(v);
      if (!yaml.reported(path)) {
        // A key given without a value is bound as absent.
        yaml.error(path, v.getMessage().equals(CatalogFile.REQUIRED) && yaml.hasKey(path) ? "must not be empty" : v.getMessage());
      }
    }
    check(file);
    yaml.throwIfInvalid();
    return catalog(file);
  }

  private CatalogFile bind() {
    BindHandler reportFailures = new BindHandler() {
      @Override
      public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
          throws Exception {
        ConfigurationProperty property = context.getConfigurationProperty();
        if (!(error instanceof ConversionException && property != null
            && property.getOrigin() instanceof PropertySourceOrigin origin && origin.getOrigin() instanceof CatalogSource.At at)) {
          // A list item none of whose values converted ends the list for the Binder: the list is left
          // out, its items' problems are reported already.
          String path = path(name);
          if (!yaml.hasProblems()) {
            yaml.error(path, "cannot be read: " + error.getMessage());
          }
          return null;
        }
        Class<?> type = target.getType().resolve(Object.class);
        Range range = target.getAnnotation(Range.class);
        String problem = range != null
            ? "must be a whole number from " + range.min() + " to " + range.max() + ", got \"%s\""
            : NOT_A.getOrDefault(type, "cannot be read as a " + type.getSimpleName() + ": \"%s\"");
        yaml.error(at, problem.formatted(property.getValue()));
        // A stand-in keeps the record around it bound (one with no value would end its list or
        // leave its id out); the file is rejected anyway.
        return STAND_INS.get(type);
      }
    };
    Binder binder = new Binder(ConfigurationPropertySources.from(yaml.propertySource()),
        null, CONVERSIONS);
    return binder.bind(ConfigurationPropertyName.EMPTY, Bindable.of(CatalogFile.class), reportFailures)
        .orElseGet(() -> new CatalogFile(null, null, null, null, null));
  }

  /** A Binder name as the file spells it: {@code services[payments].escalation-policy} is {@code services.payments.escalationPolicy}. */
  private static String path(ConfigurationPropertyName name) {
    StringBuilder path = new StringBuilder();
    java.util.regex.Matcher m = BINDER_ELEMENT.matcher(name.toString());
    while (m.find()) {
      if (m.group(1) != null) {
        path.append(m.group(1).matches("\\d+") ? "[" + m.group(1) + "]" : "." + m.group(1));
      } else {
        path.append(path.isEmpty() ? "" : ".")
            .append(Pattern.compile("-(.)").matcher(m.group(2)).replaceAll(d -> d.group(1).toUpperCase(Locale.ROOT)));
      }
    }
    return path.toString();
  }

  /** A violation's path as the file spells it: {@code policies.std.levels[1].delayMinutes}. */
  private static String path(ConstraintViolation<?> v) {
    StringBuilder path = new StringBuilder();
    for (jakarta.validation.Path.Node n : v.getPropertyPath()) {
      if (n.isInIterable()) {
        path.append(n.getKey() != null ? "." + n.getKey() : "[" + n.getIndex() + "]");
      }
      if (n.getKind() == ElementKind.PROPERTY) {
        path.append(path.isEmpty() ? "" : ".").append(n.getName());
      }
    }
    return path.toString();
  }

  // ---- checks across fields and references, each reported at the referring line

  private void check(CatalogFile f) {
    Map<String, CatalogFile.Schedule> schedules = map(f.schedules());
    each(f.people(), (id, p) -> list(p.groups()).forEach(g -> requireGroup(f, g, "people." + id + ".groups")));
    each(f.teams(), (id, team) -> {
      list(team.members()).forEach(m -> requirePerson(f, m, "teams." + id + ".members"));
      CatalogFile.WorkingHours h = team.workingHours();
      String p = "teams." + id + ".workingHours";
      if (h != null && h.days() != null) {
        try {
          days(h.days());
        } catch (DateTimeException e) {
          yaml.error(p + ".days", "is not a set of days: \"" + h.days() + "\" (e.g. MON-FRI, or MON,TUE,THU)");
        }
      }
      if (h != null && h.from() != null && h.to() != null && !h.to().isAfter(h.from()) && !yaml.reported(p + ".from")) {
        yaml.error(p + ".to", "must be after from (" + h.from() + "); hours across midnight are not supported");
      }
    });
    schedules.forEach((id, s) -> {
      Set<String> layers = map(s.layers()).keySet();
      each(s.layers(), (layer, r) -> list(r.users())
          .forEach(u -> requirePerson(f, u, "schedules." + id + ".layers." + layer + ".users")));
      List<CatalogFile.ScheduleOverride> overrides = list(s.overrides());
      for (int i = 0; i < overrides.size(); i++) {
        CatalogFile.ScheduleOverride o = overrides.get(i);
        String p = "schedules." + id + ".overrides[" + i + "]";
        if (o.layer() != null && !layers.contains(o.layer())) {
          yaml.error(p + ".layer", "schedule " + id + " has no layer \"" + o.layer() + "\" (layers: " + layers + ")");
        }
        if (o.from() != null && o.until() != null && !o.until().isAfter(o.from()) && !yaml.reported(p + ".from")) {
          yaml.error(p + ".until", "must be after from (" + o.from() + ")");
        }
        if (o.user() != null) {
          requirePerson(f, o.user(), p + ".user");
        }
      }
    });
    each(f.policies(), (id, policy) -> {
      List<CatalogFile.Level> levels = list(policy.levels());
      for (int i = 0; i < levels.size(); i++) {
        CatalogFile.Level level = levels.get(i);
        String p = "policies." + id + ".levels[" + i + "]";
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("layer", level.layer());
        kinds.put("user", level.user());
        kinds.put("group", level.group());
        kinds.values().removeIf(java.util.Objects::isNull);
        if (kinds.size() != 1) {
          yaml.error(p, "needs exactly one of layer, user or group, found " + (kinds.isEmpty() ? "none" : kinds.keySet()));
        } else if (level.schedule() != null && level.layer() == null) {
          yaml.error(p + ".schedule", "only a layer level names a schedule");
        } else if (level.user() != null) {
          requirePerson(f, level.user(), p + ".user");
        } else if (level.group() != null) {
          requireGroup(f, level.group(), p + ".group");
        } else if (level.schedule() != null && !schedules.containsKey(level.schedule())) {
          yaml.error(p + ".schedule", "unknown schedule \"" + level.schedule() + "\"");
        } else if (level.schedule() != null && !map(schedules.get(level.schedule()).layers()).containsKey(level.layer())) {
          yaml.error(p + ".layer", "schedule " + level.schedule() + " has no layer \"" + level.layer() + "\"");
        }
      }
    });
    each(f.services(), (id, s) -> checkService(f, schedules, id, s));
  }

  private void checkService(CatalogFile f, Map<String, CatalogFile.Schedule> schedules, String id, CatalogFile.Service s) {
    String p = "services." + id;
    if (s.team() != null && !map(f.teams()).containsKey(s.team())) {
      yaml.error(p + ".team", "unknown team \"" + s.team() + "\" (teams: " + map(f.teams()).keySet() + ")");
    }
    list(s.experts()).forEach(e -> requirePerson(f, e, p + ".experts"));
    list(s.dependencies()).forEach(d -> {
      if (!map(f.services()).containsKey(d)) {
        yaml.error(p + ".dependencies", "unknown service \"" + d + "\"");
      }
    });
    CatalogFile.Schedule schedule = s.schedule() == null ? null : schedules.get(s.schedule());
    if (s.schedule() != null && schedule == null) {
      yaml.error(p + ".schedule", "unknown schedule \"" + s.schedule() + "\" (schedules: " + schedules.keySet() + ")");
    }
    Map<String, String> policies = map(s.escalationPolicy());
    if (!policies.isEmpty() && !policies.containsKey(Catalog.DEFAULT_POLICY_KEY)) {
      yaml.error(p + ".escalationPolicy.default", "is required: the policy for the severities not listed");
    }
    policies.forEach((severity, policyId) -> {
      // A single policy id has no entry of its own: it is reported at escalationPolicy.
      String entry = yaml.hasKey(p + ".escalationPolicy." + severity) ? p + ".escalationPolicy." + severity
          : p + ".escalationPolicy";
      if (!severity.equals(Catalog.DEFAULT_POLICY_KEY) && !SEVERITIES.contains(severity.toUpperCase(Locale.ROOT))) {
        yaml.error(entry, "is not a severity (SEV1…SEV5 or default)");
        return;
      }
      CatalogFile.Policy policy = map(f.policies()).get(policyId);
      if (policy == null) {
        yaml.error(entry, "unknown escalation policy \"" + policyId + "\" (policies: " + map(f.policies()).keySet() + ")");
        return;
      }
      for (CatalogFile.Level level : list(policy.levels())) {
        if (level.layer() != null && level.schedule() == null) {
          if (s.schedule() == null) {
            yaml.error(entry, "policy " + policyId + " pages layer \"" + level.layer() + "\" of the service's schedule, "
                + "but the service names no schedule");
          } else if (schedule != null && !map(schedule.layers()).containsKey(level.layer())) {
            yaml.error(entry, "policy " + policyId + " pages layer \"" + level.layer() + "\", which schedule "
                + s.schedule() + " does not have (layers: " + map(schedule.layers()).keySet() + ")");
          }
        }
      }
    });
  }

  private void requireGroup(CatalogFile f, String id, String path) {
    if (!FirebreakGroups.ALL.containsKey(id) && !map(f.teams()).containsKey(id)) {
      yaml.error(path, "unknown group \"" + id + "\" (Firebreak groups: " + FirebreakGroups.ALL.keySet() + "; or a team id)");
    }
  }

  private void requirePerson(CatalogFile f, String id, String path) {
    if (!map(f.people()).containsKey(id)) {
      yaml.error(path, "unknown person \"" + id + "\" (add them under people with name and email)");
    }
  }

  // ---- the catalog, from a valid file, with the defaults

  private Catalog catalog(CatalogFile f) {
    return new Catalog(source,
        build(f.people(), (id, p) -> new Person(id, or(p.name(), id), p.email(), list(p.groups()))),
        build(f.teams(), (id, t) -> new Team(id, or(t.name(), id), t.slackChannel(), list(t.members()),
            t.workingHours() == null ? null : new WorkingHours(t.workingHours().timeZone(),
                days(or(t.workingHours().days(), "MON-FRI")), t.workingHours().from(), t.workingHours().to()))),
        build(f.schedules(), (id, s) -> new Schedule(id, s.timeZone(),
            build(s.layers(), (layer, r) -> new Rotation(List.copyOf(r.users()),
                r.start().atTime(or(r.handoff(), LocalTime.of(9, 0))), r.length())),
            list(s.overrides()).stream().map(o -> new ScheduleOverride(o.layer(), o.user(), o.from(), o.until())).toList())),
        build(f.policies(), (id, p) -> new EscalationPolicy(id, p.description(), list(p.levels()).stream()
            .map(l -> l.layer() != null ? new Level(LevelKind.LAYER, l.layer(), l.schedule(), l.delayMinutes())
                : l.user() != null ? new Level(LevelKind.USER, l.user(), null, l.delayMinutes())
                : new Level(LevelKind.GROUP, l.group(), null, l.delayMinutes()))
            .toList(), or(p.repeat(), 0))),
        build(f.services(), (id, s) -> new Service(id, or(s.name(), id), s.description(), or(s.tier(), 3), s.team(),
            s.slackChannel(), s.runbook(), list(s.experts()), list(s.dependencies()),
            list(s.thirdParties()).stream().map(t -> new ThirdParty(t.name(), t.contact())).toList(),
            s.statusPageComponent(), s.schedule(), severities(s.escalationPolicy()))));
  }

  /** Severity keys in upper case ({@code sev1} is {@code SEV1}), {@code default} as it is. */
  private static Map<String, String> severities(Map<String, String> policies) {
    Map<String, String> result = new LinkedHashMap<>();
    policies.forEach((severity, policy) -> result.put(
        severity.equals(Catalog.DEFAULT_POLICY_KEY) ? severity : severity.toUpperCase(Locale.ROOT), policy));
    return Collections.unmodifiableMap(result);
  }

  private static <F, T> Map<String, T> build(Map<String, F> file, BiFunction<String, F, T> build) {
    Map<String, T> result = new LinkedHashMap<>();
    map(file).forEach((id, entry) -> result.put(id, build.apply(id, entry)));
    return Collections.unmodifiableMap(result);
  }

  /** {@code MON-FRI}, {@code MON,WED,FRI} or a mix ({@code MON-WED,FRI}); three-letter English names. */
  static Set<DayOfWeek> days(String text) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : text.split(",")) {
      String[] range = part.strip().split("-", -1);
      if (range.length > 2) {
        throw new DateTimeException("not a day range: " + part);
      }
      DayOfWeek first = day(range[0]);
      DayOfWeek last = range.length == 2 ? day(range[1]) : first;
      if (last.compareTo(first) < 0) {
        throw new DateTimeException("range runs backwards: " + part);
      }
      days.addAll(EnumSet.range(first, last));
    }
    return Collections.unmodifiableSet(days);
  }

  private static DayOfWeek day(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (t.length() == 3 && d.name().startsWith(t)) {
        return d;
      }
    }
    throw new DateTimeException("not a day: " + text);
  }

  private static Length lengthOrFail(String text) {
    Length length = length(text);
    if (length == null) {
      throw new DateTimeException("not a rotation length: " + text);
    }
    return length;
  }

  /** A rotation length: whole days ({@code P7D}, {@code P1W}, {@code PT24H}) or at least a minute; null if not one. */
  static Length length(String text) {
    String upper = text.trim().toUpperCase(Locale.ROOT);
    try {
      if (!upper.contains("T")) {
        Period p = Period.parse(upper);
        return p.getYears() == 0 && p.getMonths() == 0 && p.getDays() > 0 ? new Length(p.getDays(), null) : null;
      }
      Duration d = Duration.parse(upper);
      if (d.isNegative() || d.isZero() || d.toMinutes() < 1) {
        return null;
      }
      return d.toSeconds() % 86_400 == 0 ? new Length((int) d.toDays(), null) : new Length(0, d);
    } catch (DateTimeException e) {
      return null;
    }
  }

  // ---- small helpers

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** A bound list without the entries that failed to bind (reported already); empty for none. */
  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
  }

  /** A bound map without the entries that failed to bind (reported already); empty for none. */
  private static <T> Map<String, T> map(Map<String, T> map) {
    Map<String, T> result = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((k, v) -> {
        if (v != null) {
          result.put(k, v);
        }
      });
    }
    return result;
  }

  private static <T> void each(Map<String, T> map, java.util.function.BiConsumer<String, T> action) {
    map(map).forEach(action);
  }
}
