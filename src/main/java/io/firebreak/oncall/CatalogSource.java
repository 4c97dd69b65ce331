package io.firebreak.oncall;

import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedValue;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The catalog file as an origin-tracked property source for the {@link
 * org.springframework.boot.context.properties.bind.Binder}, walked against the records of {@link
 * CatalogFile} for what binding does not check: unknown fields (typos), repeated keys, values of the
 * wrong shape. Spring Boot's own YAML loader cannot be used: it joins keys with dots, and ids such as
 * {@code ana.alves} hold dots; here map keys are bracketed ({@code people[ana.alves].name}). Keeps
 * the line of every key, and collects the problems of the whole read, each with line and field path.
 */
final class CatalogSource {

  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*");

  /** Where a value was written: its field path ({@code services.payments.tier}) and line. */
  record At(String path, int line) implements Origin {}

  private record Problem(int line, String text) {}

  private final String source;
  private final Set<Problem> problems = new LinkedHashSet<>();
  /** The line of every key in the file, by field path, for problems found after binding. */
  private final Map<String, Integer> lines = new LinkedHashMap<>();
  /** Properties for the Binder, by its names. */
  private final Map<String, Object> properties = new LinkedHashMap<>();
  /** Fields with a problem already; their null is not reported again as missing. */
  private final Set<String> reported = new HashSet<>();
  /** Set while walking what the Binder must not see (after a gap in a list). */
  private boolean discard;
  /** Values walked, bound or not. */
  private int scalars;

  /** Reads {@code text} (from {@code source}, named in problems); invalid YAML throws at once. */
  CatalogSource(String source, String text) {
    this.source = source;
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new CatalogParser.InvalidCatalogException(source,
          List.of(source + " line " + line + ": not valid YAML: " + e.getProblem()));
    }
    if (!(root instanceof MappingNode)) {
      throw new CatalogParser.InvalidCatalogException(source, List.of(source + " line 1: the file must be a mapping with "
          + "people, teams, schedules, policies and services"));
    }
    lines.put("", line(root));
    walk(root, "", "", CatalogFile.class);
  }

  OriginTrackedMapPropertySource propertySource() {
    return new OriginTrackedMapPropertySource(source, properties);
  }

  /** Whether the file has the key {@code path} ({@code services.payments.team}), with or without a value. */
  boolean hasKey(String path) {
    return lines.containsKey(path);
  }

  boolean reported(String path) {
    return reported.contains(path);
  }

  /** A problem with a value, at its line. */
  void error(At at, String message) {
    reported.add(at.path());
    problems.add(new Problem(at.line(), source + " line " + at.line() + ": " + at.path() + ": " + message));
  }

  /** Throws with every problem, in the order of the file, if there is one. */
  void throwIfInvalid() {
    if (!problems.isEmpty()) {
      throw new CatalogParser.InvalidCatalogException(source, problems.stream()
          .sorted(Comparator.comparingInt(Problem::line)).map(Problem::text).toList());
    }
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

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
      BiConsumer<String, Node> walk) {
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


  /** At {@code path}'s line, else at the line of the mapping that lacks it. */
  void error(String path, String message) {
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
}
