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
import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hibernate.validator.constraints.Range;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.support.DefaultConversionService;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*");
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

  /** Where a bound value was written: its field path and line. */
  private record At(String path, int line) implements Origin {}

  private record Problem(int line, String text) {}

  private final String source;
  private final Set<Problem> problems = new java.util.LinkedHashSet<>();
  /** The line of every key in the file, by field path, for problems found after binding. */
  private final Map<String, Integer> lines = new LinkedHashMap<>();
  /** Properties for the Binder, by its names ({@code people[ana.alves].name}: ids may hold dots). */
  private final Map<String, Object> properties = new LinkedHashMap<>();
  /** Fields whose value has a problem already; their null is not reported again as missing. */
  private final Set<String> reported = new HashSet<>();
  /** Set while walking what the Binder must not see (after a gap in a list). */
  private boolean discard;
  /** Values walked, bound or not. */
  private int scalars;

  private CatalogParser(String source) {
    this.source = source;
  }

  /** Parses {@code text} (read from {@code source}, named in errors) or throws with every problem found. */
  static Catalog parse(String source, String text) {
    return new CatalogParser(source).read(text);
  }

  private Catalog read(String text) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new InvalidCatalogException(source, List.of(source + " line " + line + ": not valid YAML: " + e.getProblem()));
    }
    if (!(root instanceof MappingNode)) {
      throw new InvalidCatalogException(source, List.of(source + " line 1: the file must be a mapping with people, teams, "
          + "schedules, policies and services"));
    }
    lines.put("", line(root));
    walk(root, "", "", CatalogFile.class);
    CatalogFile file = bind();
    for (ConstraintViolation<CatalogFile> v : Validators.VALIDATOR.validate(file)) {
      String path = path(v);
      if (!reported.contains(path)) {
        // A key given without a value is bound as absent.
        error(path, v.getMessage().equals(CatalogFile.REQUIRED) && lines.containsKey(path) ? "must not be empty" : v.getMessage());
      }
    }
    check(file);
    if (!problems.isEmpty()) {
      throw new InvalidCatalogException(source, problems.stream()
          .sorted(Comparator.comparingInt(Problem::line)).map(Problem::text).toList());
    }
    return catalog(file);
  }

  // ---- YAML to properties, with what binding does not check: the shape, unknown and repeated keys

  /** Walks {@code node}, to be bound to {@code type} under the Binder's {@code name}, at field {@code path}. */
  private void walk(Node node, String path, String name, Type type) {
    Class<?> raw = raw(type);
    if (raw.isRecord() && (raw == CatalogFile.class || raw.getEnclosingClass() == CatalogFile.class)) {
      Map<String, Type> fields = Arrays.stream(raw.getRecordComponents())
          .collect(Collectors.toMap(RecordComponent::getName, RecordComponent::getGenericType));
      String allowed = String.join(", ", new TreeSet<>(fields.keySet()));
      if (!(node instanceof MappingNode m)) {
        error(node, path, "must be a mapping with fields [" + allowed + "]");
        return;
      }
      int values = scalars;
      int errors = problems.size();
      entries(m, path, "is given twice", (key, p) -> {
        if (!fields.containsKey(key)) {
          error(p, "unknown field (allowed: " + allowed + ")");
          return false;
        }
        return true;
      }, (key, value) -> walk(value, join(path, key), join(name, key), fields.get(key)));
      if (scalars == values && problems.size() == errors) {
        // The Binder would see nothing here: no entry in a map, the end of a list.
        error(node, path, "must not be empty (fields: " + allowed + ")");
      }
    } else if (Map.class.isAssignableFrom(raw)) {
      Type values = typeArgument(type, 1);
      if (values == String.class && node instanceof ScalarNode s) {
        walk(s, path, name + "[" + Catalog.DEFAULT_POLICY_KEY + "]", String.class); // a policy id for {default: id}
      } else if (!(node instanceof MappingNode m)) {
        error(node, path, values == String.class ? "must be a policy id or a map of severity to policy id"
            : "must be a mapping of id to entry");
      } else {
        entries(m, path, "is defined twice", (key, p) -> {
          if (!ID.matcher(key).matches()) {
            error(p, "is not a valid id (letters, digits, '.', '_' and '-')");
            return false;
          }
          return true;
        }, (key, value) -> walk(value, path + "." + key, name + "[" + key + "]", values));
      }
    } else if (List.class.isAssignableFrom(raw)) {
      Type items = typeArgument(type, 0);
      boolean records = raw(items).isRecord();
      if (node instanceof SequenceNode s) {
        boolean bound = discard;
        for (int i = 0, n = 0; i < s.getValue().size(); i++) {
          String p = records ? path + "[" + i + "]" : path;
          lines.put(p, line(s.getValue().get(i)));
          int values = scalars;
          walk(s.getValue().get(i), p, name + "[" + n + "]", items);
          if (scalars > values) {
            n++;
          } else if (records) {
            // A gap ends the list for the Binder, and record indexes must stay those of the file:
            // the rest of the list is only checked for its shape until this item is fixed.
            discard = true;
          }
        }
        discard = bound;
      } else if (node instanceof ScalarNode s && !records) {
        walk(s, path, name + "[0]", items); // a single value counts as a list of one
      } else {
        error(node, path, "must be a list");
      }
    } else if (node instanceof ScalarNode s) {
      String value = s.getValue().strip();
      if (!value.isEmpty()) {
        scalars++;
        if (!discard) {
          properties.put(name, OriginTrackedValue.of(value, new At(path, line(s))));
        }
      }
    } else {
      error(node, path, "must be a single value, not a " + (node instanceof MappingNode ? "mapping" : "list"));
    }
  }

  /** The entries of a mapping whose keys are single values, given once and {@code accepted}. */
  private void entries(MappingNode m, String path, String twice, BiFunction<String, String, Boolean> accepted,
      java.util.function.BiConsumer<String, Node> walk) {
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        error(t.getKeyNode(), path, "must be a single value, not a " + (t.getKeyNode() instanceof MappingNode ? "mapping" : "list"));
        continue;
      }
      String key = k.getValue();
      String p = join(path, key);
      lines.put(p, line(k));
      if (!seen.add(key)) {
        error(p, twice);
      } else if (accepted.apply(key, p)) {
        walk.accept(key, t.getValueNode());
      }
    }
  }

  private CatalogFile bind() {
    BindHandler reportFailures = new BindHandler() {
      @Override
      public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
          throws Exception {
        ConfigurationProperty property = context.getConfigurationProperty();
        if (!(error instanceof ConversionException && property != null
            && property.getOrigin() instanceof PropertySourceOrigin origin && origin.getOrigin() instanceof At at)) {
          // A list item none of whose values converted ends the list for the Binder: the list is left
          // out, its items' problems are reported already.
          String path = path(name);
          reported.add(path);
          if (problems.isEmpty()) {
            error(path, "cannot be read: " + error.getMessage());
          }
          return null;
        }
        Class<?> type = target.getType().resolve(Object.class);
        Range range = target.getAnnotation(Range.class);
        String problem = range != null
            ? "must be a whole number from " + range.min() + " to " + range.max() + ", got \"%s\""
            : NOT_A.getOrDefault(type, "cannot be read as a " + type.getSimpleName() + ": \"%s\"");
        problems.add(new Problem(at.line(), source + " line " + at.line() + ": " + at.path() + ": "
            + problem.formatted(property.getValue())));
        reported.add(at.path());
        // A stand-in keeps the record around it bound (one with no value would end its list or
        // leave its id out); the file is rejected anyway.
        return STAND_INS.get(type);
      }
    };
    Binder binder = new Binder(ConfigurationPropertySources.from(new OriginTrackedMapPropertySource(source, properties)),
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
          error(p + ".days", "is not a set of days: \"" + h.days() + "\" (e.g. MON-FRI, or MON,TUE,THU)");
        }
      }
      if (h != null && h.from() != null && h.to() != null && !h.to().isAfter(h.from()) && !reported.contains(p + ".from")) {
        error(p + ".to", "must be after from (" + h.from() + "); hours across midnight are not supported");
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
          error(p + ".layer", "schedule " + id + " has no layer \"" + o.layer() + "\" (layers: " + layers + ")");
        }
        if (o.from() != null && o.until() != null && !o.until().isAfter(o.from()) && !reported.contains(p + ".from")) {
          error(p + ".until", "must be after from (" + o.from() + ")");
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
          error(p, "needs exactly one of layer, user or group, found " + (kinds.isEmpty() ? "none" : kinds.keySet()));
        } else if (level.schedule() != null && level.layer() == null) {
          error(p + ".schedule", "only a layer level names a schedule");
        } else if (level.user() != null) {
          requirePerson(f, level.user(), p + ".user");
        } else if (level.group() != null) {
          requireGroup(f, level.group(), p + ".group");
        } else if (level.schedule() != null && !schedules.containsKey(level.schedule())) {
          error(p + ".schedule", "unknown schedule \"" + level.schedule() + "\"");
        } else if (level.schedule() != null && !map(schedules.get(level.schedule()).layers()).containsKey(level.layer())) {
          error(p + ".layer", "schedule " + level.schedule() + " has no layer \"" + level.layer() + "\"");
        }
      }
    });
    each(f.services(), (id, s) -> checkService(f, schedules, id, s));
  }

  private void checkService(CatalogFile f, Map<String, CatalogFile.Schedule> schedules, String id, CatalogFile.Service s) {
    String p = "services." + id;
    if (s.team() != null && !map(f.teams()).containsKey(s.team())) {
      error(p + ".team", "unknown team \"" + s.team() + "\" (teams: " + map(f.teams()).keySet() + ")");
    }
    list(s.experts()).forEach(e -> requirePerson(f, e, p + ".experts"));
    list(s.dependencies()).forEach(d -> {
      if (!map(f.services()).containsKey(d)) {
        error(p + ".dependencies", "unknown service \"" + d + "\"");
      }
    });
    CatalogFile.Schedule schedule = s.schedule() == null ? null : schedules.get(s.schedule());
    if (s.schedule() != null && schedule == null) {
      error(p + ".schedule", "unknown schedule \"" + s.schedule() + "\" (schedules: " + schedules.keySet() + ")");
    }
    Map<String, String> policies = map(s.escalationPolicy());
    if (!policies.isEmpty() && !policies.containsKey(Catalog.DEFAULT_POLICY_KEY)) {
      error(p + ".escalationPolicy.default", "is required: the policy for the severities not listed");
    }
    policies.forEach((severity, policyId) -> {
      // A single policy id has no entry of its own: it is reported at escalationPolicy.
      String entry = lines.containsKey(p + ".escalationPolicy." + severity) ? p + ".escalationPolicy." + severity
          : p + ".escalationPolicy";
      if (!severity.equals(Catalog.DEFAULT_POLICY_KEY) && !SEVERITIES.contains(severity.toUpperCase(Locale.ROOT))) {
        error(entry, "is not a severity (SEV1…SEV5 or default)");
        return;
      }
      CatalogFile.Policy policy = map(f.policies()).get(policyId);
      if (policy == null) {
        error(entry, "unknown escalation policy \"" + policyId + "\" (policies: " + map(f.policies()).keySet() + ")");
        return;
      }
      for (CatalogFile.Level level : list(policy.levels())) {
        if (level.layer() != null && level.schedule() == null) {
          if (s.schedule() == null) {
            error(entry, "policy " + policyId + " pages layer \"" + level.layer() + "\" of the service's schedule, "
                + "but the service names no schedule");
          } else if (schedule != null && !map(schedule.layers()).containsKey(level.layer())) {
            error(entry, "policy " + policyId + " pages layer \"" + level.layer() + "\", which schedule "
                + s.schedule() + " does not have (layers: " + map(schedule.layers()).keySet() + ")");
          }
        }
      }
    });
  }

  private void requireGroup(CatalogFile f, String id, String path) {
    if (!FirebreakGroups.ALL.containsKey(id) && !map(f.teams()).containsKey(id)) {
      error(path, "unknown group \"" + id + "\" (Firebreak groups: " + FirebreakGroups.ALL.keySet() + "; or a team id)");
    }
  }

  private void requirePerson(CatalogFile f, String id, String path) {
    if (!map(f.people()).containsKey(id)) {
      error(path, "unknown person \"" + id + "\" (add them under people with name and email)");
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

  /** At {@code path}'s line, else at the line of the mapping that lacks it. */
  private void error(String path, String message) {
    Integer line = lines.get(path);
    for (String p = path; line == null && !p.isEmpty(); ) {
      p = p.substring(0, Math.max(0, Math.max(p.lastIndexOf('.'), p.lastIndexOf('['))));
      line = lines.get(p);
    }
    int at = line == null ? 0 : line;
    problems.add(new Problem(at, source + " line " + at + ": " + path + ": " + message));
  }

  private void error(Node node, String path, String message) {
    reported.add(path);
    int line = line(node);
    problems.add(new Problem(line, source + " line " + line + ": " + (path.isEmpty() ? "(top)" : path) + ": " + message));
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static Class<?> raw(Type type) {
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
  }

  private static Type typeArgument(Type type, int index) {
    return ((ParameterizedType) type).getActualTypeArguments()[index];
  }

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
