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
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and validates the catalog file. Every problem is reported with the file, the line and the
 * field path ({@code services.payments-api.tier}), all at once, so an operator can fix a file in
 * one pass; any problem rejects the whole file.
 */
final class CatalogParser {

  static final Set<String> SEVERITIES = Set.of("SEV1", "SEV2", "SEV3", "SEV4", "SEV5");
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*");

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
  private final List<String> errors = new ArrayList<>();
  private final Map<String, Set<String>> declaredLayers = new LinkedHashMap<>();

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
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new InvalidCatalogException(source, List.of(source + " line " + line + ": not valid YAML: " + e.getProblem()));
    }
    if (!(root instanceof MappingNode)) {
      throw new InvalidCatalogException(source, List.of(source + " line 1: the file must be a mapping with people, teams, "
          + "schedules, policies and services"));
    }
    Map<String, Node> top = fields(root, "", Set.of("people", "teams", "schedules", "policies", "services"));
    Map<String, Person> people = readMap(top.get("people"), "people", this::person);
    Map<String, Team> teams = readMap(top.get("teams"), "teams", this::team);
    Map<String, Schedule> schedules = readMap(top.get("schedules"), "schedules", this::schedule);
    Map<String, EscalationPolicy> policies = readMap(top.get("policies"), "policies", this::policy);
    Map<String, Service> services = readMap(top.get("services"), "services", this::service);
    if (top.get("services") == null) {
      error(root, "services", "is required: the catalog lists at least one service");
    }
    Catalog catalog = new Catalog(source, people, teams, schedules, policies, services);
    checkReferences(catalog);
    if (!errors.isEmpty()) {
      throw new InvalidCatalogException(source, errors);
    }
    return catalog;
  }

  // ---- sections

  private Person person(String id, Node node, String path) {
    Map<String, Node> f = fields(node, path, Set.of("name", "email", "groups"));
    String email = text(f, "email", path, false);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      error(f.get("email"), path + ".email", "is not an email address: \"" + email + "\"");
    }
    return new Person(id, textOr(f, "name", path, id), email, ids(f.get("groups"), path + ".groups"));
  }

  private Team team(String id, Node node, String path) {
    Map<String, Node> f = fields(node, path, Set.of("name", "slackChannel", "members", "workingHours"));
    WorkingHours hours = f.get("workingHours") == null ? null : workingHours(f.get("workingHours"), path + ".workingHours");
    return new Team(id, textOr(f, "name", path, id), text(f, "slackChannel", path, false), ids(f.get("members"), path + ".members"),
        hours);
  }

  /** {@code {timeZone: Europe/Berlin, days: MON-FRI, from: "09:00", to: "17:00"}}; null after errors. */
  private WorkingHours workingHours(Node node, String path) {
    Map<String, Node> f = fields(node, path, Set.of("timeZone", "days", "from", "to"));
    if (!(node instanceof MappingNode)) {
      return null;
    }
    ZoneId zone = parsed(f, "timeZone", path, true, ZoneId::of,
        "is not a time zone: \"%s\" (use a region id such as Europe/Berlin)");
    Set<DayOfWeek> days = parsed(f, "days", path, false, CatalogParser::days,
        "is not a set of days: \"%s\" (e.g. MON-FRI, or MON,TUE,THU)");
    if (f.get("days") == null) {
      days = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }
    LocalTime from = parsed(f, "from", path, true, LocalTime::parse, "is not a time of day (HH:MM): \"%s\"");
    LocalTime to = parsed(f, "to", path, true, LocalTime::parse, "is not a time of day (HH:MM): \"%s\"");
    if (from != null && to != null && !to.isAfter(from)) {
      error(f.get("to"), path + ".to", "must be after from (" + from + "); hours across midnight are not supported");
      return null;
    }
    return zone == null || days == null || from == null || to == null ? null : new WorkingHours(zone, days, from, to);
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
    String t = text.strip().toUpperCase(java.util.Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (t.length() == 3 && d.name().startsWith(t)) {
        return d;
      }
    }
    throw new DateTimeException("not a day: " + text);
  }

  private Schedule schedule(String id, Node node, String path) {
    Map<String, Node> f = fields(node, path, Set.of("timeZone", "layers", "overrides"));
    ZoneId zone = parsed(f, "timeZone", path, true, ZoneId::of,
        "is not a time zone: \"%s\" (use a region id such as Europe/Berlin)");
    if (zone == null) {
      zone = ZoneId.of("UTC");
    }
    Map<String, Rotation> layers = readMap(f.get("layers"), path + ".layers", this::rotation);
    // Layers declared, valid or not, so that an invalid one is reported once, not again by every reference.
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    if (f.get("layers") instanceof MappingNode m) {
      m.getValue().forEach(t -> {
        if (t.getKeyNode() instanceof ScalarNode k) {
          names.add(k.getValue());
        }
      });
    }
    declaredLayers.put(id, names);
    if (f.get("layers") != null && names.isEmpty()) {
      error(f.get("layers"), path + ".layers", "needs at least one layer (e.g. primary)");
    } else if (f.get("layers") == null) {
      error(node, path + ".layers", "is required");
    }
    List<ScheduleOverride> overrides = new ArrayList<>();
    List<Node> items = sequence(f.get("overrides"), path + ".overrides");
    for (int i = 0; i < items.size(); i++) {
      String p = path + ".overrides[" + i + "]";
      Map<String, Node> o = fields(items.get(i), p, Set.of("layer", "user", "from", "until"));
      String layer = text(o, "layer", p, true);
      String user = text(o, "user", p, true);
      LocalDateTime from = dateTime(o, "from", p);
      LocalDateTime until = dateTime(o, "until", p);
      if (layer != null && !names.contains(layer)) {
        error(o.get("layer"), p + ".layer", "schedule " + id + " has no layer \"" + layer + "\" (layers: " + names + ")");
      }
      if (from != null && until != null && !until.isAfter(from)) {
        error(o.get("until"), p + ".until", "must be after from (" + from + ")");
      }
      if (layer != null && user != null && from != null && until != null) {
        overrides.add(new ScheduleOverride(layer, user, from, until));
      }
    }
    return new Schedule(id, zone, layers, List.copyOf(overrides));
  }

  private Rotation rotation(String layer, Node node, String path) {
    Map<String, Node> f = fields(node, path, Set.of("users", "start", "handoff", "length"));
    List<String> users = ids(f.get("users"), path + ".users");
    if (users.isEmpty()) {
      error(f.getOrDefault("users", node), path + ".users", "needs at least one user");
    }
    LocalDate start = parsed(f, "start", path, true, LocalDate::parse, "is not a date (YYYY-MM-DD): \"%s\"");
    LocalTime handoff = parsed(f, "handoff", path, false, LocalTime::parse, "is not a time of day (HH:MM): \"%s\"");
    if (handoff == null) {
      handoff = LocalTime.of(9, 0);
    }
    Length length = parsed(f, "length", path, true, CatalogParser::lengthOrFail,
        "is not a rotation length: \"%s\" (ISO-8601: P7D for a week, P1D for a day, PT12H for twelve hours)");
    return users.isEmpty() || start == null || length == null ? null
        : new Rotation(users, start.atTime(handoff), length);
  }

  private static Length lengthOrFail(String text) {
    Length length = length(text);
    if (length == null) {
      throw new DateTimeException("not a rotation length: " + text);
    }
    return length;
  }

  static Length length(String text) {
    String upper = text.trim().toUpperCase(java.util.Locale.ROOT);
    try {
      if (!upper.contains("T")) {
        Period p = Period.parse(upper);
        if (p.getYears() == 0 && p.getMonths() == 0 && p.getDays() > 0) {
          return new Length(p.getDays(), null);
        }
        return null;
      }
      Duration d = Duration.parse(upper);
      if (d.isNegative() || d.isZero() || d.toMinutes() < 1) {
        return null;
      }
      if (d.toSeconds() % 86_400 == 0) {
        return new Length((int) d.toDays(), null);
      }
      return new Length(0, d);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private EscalationPolicy policy(String id, Node node, String path) {
    Map<String, Node> f = fields(node, path, Set.of("description", "repeat", "levels"));
    int repeat = number(f, "repeat", path, 0, 0, 10);
    List<Level> levels = new ArrayList<>();
    List<Node> items = sequence(f.get("levels"), path + ".levels");
    if (items.isEmpty()) {
      error(f.getOrDefault("levels", node), path + ".levels", "needs at least one level");
    }
    for (int i = 0; i < items.size(); i++) {
      String p = path + ".levels[" + i + "]";
      Map<String, Node> l = fields(items.get(i), p, Set.of("layer", "schedule", "user", "group", "delayMinutes"));
      List<String> kinds = l.keySet().stream().filter(k -> Set.of("layer", "user", "group").contains(k)).toList();
      if (kinds.size() != 1) {
        error(items.get(i), p, "needs exactly one of layer, user or group, found " + (kinds.isEmpty() ? "none" : kinds));
        continue;
      }
      String kind = kinds.get(0);
      String target = text(l, kind, p, true);
      String schedule = text(l, "schedule", p, false);
      if (schedule != null && !kind.equals("layer")) {
        error(l.get("schedule"), p + ".schedule", "only a layer level names a schedule");
      }
      int delay = number(l, "delayMinutes", p, -1, 1, 24 * 60);
      if (!l.containsKey("delayMinutes")) {
        error(items.get(i), p + ".delayMinutes", "is required: minutes to wait for an acknowledgement before the next level");
      }
      if (target != null && delay > 0) {
        levels.add(new Level(LevelKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), target, schedule, delay));
      }
    }
    return new EscalationPolicy(id, text(f, "description", path, false), List.copyOf(levels), repeat);
  }

  private Service service(String id, Node node, String path) {
    Map<String, Node> f = fields(node, path, Set.of("name", "description", "tier", "team", "slackChannel", "runbook",
        "experts", "dependencies", "thirdParties", "statusPageComponent", "schedule", "escalationPolicy"));
    String runbook = text(f, "runbook", path, true);
    if (runbook != null && !runbook.matches("https?://\\S+")) {
      error(f.get("runbook"), path + ".runbook", "must be an http(s) URL, got \"" + runbook + "\"");
    }
    List<ThirdParty> thirdParties = new ArrayList<>();
    List<Node> items = sequence(f.get("thirdParties"), path + ".thirdParties");
    for (int i = 0; i < items.size(); i++) {
      String p = path + ".thirdParties[" + i + "]";
      Map<String, Node> t = fields(items.get(i), p, Set.of("name", "contact"));
      String name = text(t, "name", p, true);
      String contact = text(t, "contact", p, true);
      if (name != null && contact != null) {
        thirdParties.add(new ThirdParty(name, contact));
      }
    }
    Map<String, String> policies = new LinkedHashMap<>();
    Node policyNode = f.get("escalationPolicy");
    if (policyNode == null) {
      error(node, path + ".escalationPolicy", "is required: a policy id, or a map of severity (SEV1…SEV5, default) to policy id");
    } else if (policyNode instanceof ScalarNode s) {
      policies.put(Catalog.DEFAULT_POLICY_KEY, s.getValue());
    } else if (policyNode instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        String severity = scalar(t.getKeyNode(), path + ".escalationPolicy");
        String value = scalar(t.getValueNode(), path + ".escalationPolicy." + severity);
        if (severity == null || value == null) {
          continue;
        }
        String key = severity.equals(Catalog.DEFAULT_POLICY_KEY) ? severity : severity.toUpperCase(java.util.Locale.ROOT);
        positions.put(path + ".escalationPolicy." + key, t.getKeyNode().getStartMark().getLine() + 1);
        if (!key.equals(Catalog.DEFAULT_POLICY_KEY) && !SEVERITIES.contains(key)) {
          error(t.getKeyNode(), path + ".escalationPolicy." + severity, "is not a severity (SEV1…SEV5 or default)");
        }
        policies.put(key, value);
      }
      if (!policies.containsKey(Catalog.DEFAULT_POLICY_KEY)) {
        error(policyNode, path + ".escalationPolicy.default", "is required: the policy for the severities not listed");
      }
    } else {
      error(policyNode, path + ".escalationPolicy", "must be a policy id or a map of severity to policy id");
    }
    return new Service(id,
        textOr(f, "name", path, id),
        text(f, "description", path, false),
        number(f, "tier", path, 3, 1, 4),
        text(f, "team", path, true),
        text(f, "slackChannel", path, false),
        runbook,
        ids(f.get("experts"), path + ".experts"),
        ids(f.get("dependencies"), path + ".dependencies"),
        List.copyOf(thirdParties),
        text(f, "statusPageComponent", path, false),
        text(f, "schedule", path, false),
        Collections.unmodifiableMap(policies));
  }

  // ---- cross references, each reported at the referring line

  private void checkReferences(Catalog c) {
    c.teams().forEach((id, team) -> team.members().forEach(m -> requirePerson(c, m, "teams." + id + ".members")));
    c.people().forEach((id, p) -> p.groups().forEach(g -> requireGroup(c, g, "people." + id + ".groups")));
    c.schedules().forEach((id, s) -> {
      s.layers().forEach((layer, r) -> {
        if (r != null) {
          r.users().forEach(u -> requirePerson(c, u, "schedules." + id + ".layers." + layer + ".users"));
        }
      });
      for (int i = 0; i < s.overrides().size(); i++) {
        requirePerson(c, s.overrides().get(i).user(), "schedules." + id + ".overrides[" + i + "].user");
      }
    });
    c.policies().forEach((id, policy) -> {
      for (int i = 0; i < policy.levels().size(); i++) {
        Level level = policy.levels().get(i);
        String p = "policies." + id + ".levels[" + i + "]";
        switch (level.kind()) {
          case USER -> requirePerson(c, level.target(), p + ".user");
          case GROUP -> requireGroup(c, level.target(), p + ".group");
          case LAYER -> {
            if (level.schedule() != null) {
              Schedule s = c.schedules().get(level.schedule());
              if (s == null) {
                errorAt(p + ".schedule", "unknown schedule \"" + level.schedule() + "\"");
              } else if (!declaredLayers.getOrDefault(level.schedule(), Set.of()).contains(level.target())) {
                errorAt(p + ".layer", "schedule " + level.schedule() + " has no layer \"" + level.target() + "\"");
              }
            }
          }
        }
      }
    });
    c.services().forEach((id, s) -> {
      String p = "services." + id;
      if (s.team() != null && !c.teams().containsKey(s.team())) {
        errorAt(p + ".team", "unknown team \"" + s.team() + "\" (teams: " + c.teams().keySet() + ")");
      }
      s.experts().forEach(e -> requirePerson(c, e, p + ".experts"));
      s.dependencies().forEach(d -> {
        if (!c.services().containsKey(d)) {
          errorAt(p + ".dependencies", "unknown service \"" + d + "\"");
        }
      });
      Schedule schedule = null;
      if (s.schedule() != null) {
        schedule = c.schedules().get(s.schedule());
        if (schedule == null) {
          errorAt(p + ".schedule", "unknown schedule \"" + s.schedule() + "\" (schedules: " + c.schedules().keySet() + ")");
        }
      }
      for (Map.Entry<String, String> e : s.escalationPolicies().entrySet()) {
        String entry = p + ".escalationPolicy." + e.getKey();
        String pp = positions.containsKey(entry) ? entry : p + ".escalationPolicy";
        EscalationPolicy policy = c.policies().get(e.getValue());
        if (policy == null) {
          errorAt(pp, "unknown escalation policy \"" + e.getValue() + "\" (policies: " + c.policies().keySet() + ")");
          continue;
        }
        for (Level level : policy.levels()) {
          if (level.kind() == LevelKind.LAYER && level.schedule() == null) {
            if (s.schedule() == null) {
              errorAt(pp, "policy " + policy.id() + " pages layer \"" + level.target() + "\" of the service's schedule, "
                  + "but the service names no schedule");
            } else if (schedule != null && !declaredLayers.get(s.schedule()).contains(level.target())) {
              errorAt(pp, "policy " + policy.id() + " pages layer \"" + level.target() + "\", which schedule "
                  + s.schedule() + " does not have (layers: " + declaredLayers.get(s.schedule()) + ")");
            }
          }
        }
      }
    });
  }

  private void requireGroup(Catalog c, String id, String path) {
    if (!FirebreakGroups.ALL.containsKey(id) && !c.teams().containsKey(id)) {
      errorAt(path, "unknown group \"" + id + "\" (Firebreak groups: " + FirebreakGroups.ALL.keySet() + "; or a team id)");
    }
  }

  private void requirePerson(Catalog c, String id, String path) {
    if (!c.people().containsKey(id)) {
      errorAt(path, "unknown person \"" + id + "\" (add them under people with name and email)");
    }
  }

  // ---- YAML walking with positions

  /** Line of every field path seen, for errors found after the walk (cross references). */
  private final Map<String, Integer> positions = new LinkedHashMap<>();

  private void errorAt(String path, String message) {
    Integer line = positions.get(path);
    errors.add(source + (line == null ? "" : " line " + line) + ": " + path + ": " + message);
  }

  private void error(Node node, String path, String message) {
    int line = node == null ? 0 : node.getStartMark().getLine() + 1;
    errors.add(source + " line " + line + ": " + path + ": " + message);
  }

  private interface Reader<T> {
    T read(String id, Node node, String path);
  }

  private <T> Map<String, T> readMap(Node node, String path, Reader<T> reader) {
    Map<String, T> result = new LinkedHashMap<>();
    if (node == null) {
      return result;
    }
    if (!(node instanceof MappingNode m)) {
      error(node, path, "must be a mapping of id to entry");
      return result;
    }
    for (NodeTuple t : m.getValue()) {
      String id = scalar(t.getKeyNode(), path);
      if (id == null) {
        continue;
      }
      String p = path + "." + id;
      positions.put(p, t.getKeyNode().getStartMark().getLine() + 1);
      if (!ID.matcher(id).matches()) {
        error(t.getKeyNode(), p, "is not a valid id (letters, digits, '.', '_' and '-')");
      }
      if (result.containsKey(id)) {
        error(t.getKeyNode(), p, "is defined twice");
      }
      T value = reader.read(id, t.getValueNode(), p);
      if (value != null) {
        result.put(id, value);
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /** The fields of a mapping; unknown ones are errors (typos would otherwise be silently ignored). */
  private Map<String, Node> fields(Node node, String path, Set<String> allowed) {
    Map<String, Node> fields = new LinkedHashMap<>();
    if (!(node instanceof MappingNode m)) {
      error(node, path.isEmpty() ? "(top)" : path, "must be a mapping with fields " + new java.util.TreeSet<>(allowed));
      return fields;
    }
    for (NodeTuple t : m.getValue()) {
      String key = scalar(t.getKeyNode(), path);
      if (key == null) {
        continue;
      }
      String p = path.isEmpty() ? key : path + "." + key;
      positions.put(p, t.getKeyNode().getStartMark().getLine() + 1);
      if (!allowed.contains(key)) {
        error(t.getKeyNode(), p, "unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
        continue;
      }
      if (fields.containsKey(key)) {
        error(t.getKeyNode(), p, "is given twice");
      }
      fields.put(key, t.getValueNode());
    }
    return fields;
  }

  private String scalar(Node node, String path) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    error(node, path, "must be a single value, not a " + (node instanceof MappingNode ? "mapping" : "list"));
    return null;
  }

  private String text(Map<String, Node> fields, String key, String path, boolean required) {
    Node node = fields.get(key);
    String p = path + "." + key;
    if (node == null) {
      if (required) {
        errors.add(source + " line " + positions.getOrDefault(path, 0) + ": " + p + ": is required");
      }
      return null;
    }
    String value = scalar(node, p);
    if (value != null && value.isBlank()) {
      if (required) {
        error(node, p, "must not be empty");
      }
      return null;
    }
    return value == null ? null : value.strip();
  }

  private String textOr(Map<String, Node> fields, String key, String path, String fallback) {
    String value = text(fields, key, path, false);
    return value == null ? fallback : value;
  }

  private int number(Map<String, Node> fields, String key, String path, int fallback, int min, int max) {
    String value = text(fields, key, path, false);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    error(fields.get(key), path + "." + key, "must be a whole number from " + min + " to " + max + ", got \"" + value + "\"");
    return fallback;
  }

  private LocalDateTime dateTime(Map<String, Node> fields, String key, String path) {
    return parsed(fields, key, path, true,
        value -> value.length() == 10 ? LocalDate.parse(value).atStartOfDay() : LocalDateTime.parse(value.replace(' ', 'T')),
        "is not a local date-time (YYYY-MM-DDTHH:MM, in the schedule's time zone): \"%s\"");
  }

  /**
   * A text field read with {@code parser}; null when absent (reported if required) or when it does
   * not parse (reported as {@code problem}, where {@code %s} stands for the value).
   */
  private <T> T parsed(Map<String, Node> fields, String key, String path, boolean required,
      Function<String, T> parser, String problem) {
    String value = text(fields, key, path, required);
    if (value == null) {
      return null;
    }
    try {
      return parser.apply(value);
    } catch (DateTimeException e) {
      error(fields.get(key), path + "." + key, problem.formatted(value));
      return null;
    }
  }

  private List<Node> sequence(Node node, String path) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof SequenceNode s) {
      return s.getValue();
    }
    error(node, path, "must be a list");
    return List.of();
  }

  /** A list of ids; a single value counts as a list of one. */
  private List<String> ids(Node node, String path) {
    if (node == null) {
      return List.of();
    }
    if (node instanceof ScalarNode s) {
      return s.getValue().isBlank() ? List.of() : List.of(s.getValue().strip());
    }
    List<String> ids = new ArrayList<>();
    for (Node item : sequence(node, path)) {
      String id = scalar(item, path);
      if (id != null && !id.isBlank()) {
        ids.add(id.strip());
      }
    }
    return List.copyOf(ids);
  }
}
