package io.firebreak;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layers of docs/architecture.md ("Layers"): a package uses only the packages below
 * it, and no packages form a cycle. Checked twice: on the compiled classes (ArchUnit), and on the
 * sources, because javac inlines constants ({@code EscalationProcess.KEY}) so the bytecode forgets
 * that a source imported them.
 */
class ArchitectureTest {

  /** Each package, bottom up, with the packages below it that it may use. */
  static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

  static {
    List<String> capabilities = List.of("platform", "incident", "comms", "oncall", "statuspage", "integrations",
        "postmortem", "metrics", "maintenance");
    MAY_USE.put("platform", List.of());
    MAY_USE.put("incident", List.of("platform"));
    MAY_USE.put("comms", List.of("platform", "incident"));
    for (String port : List.of("oncall", "statuspage", "integrations", "postmortem")) {
      MAY_USE.put(port, List.of("platform", "incident", "comms"));
    }
    MAY_USE.put("metrics", List.of("platform", "incident", "comms", "postmortem"));
    // Planned maintenance publishes on the status page and announces through comms.
    MAY_USE.put("maintenance", List.of("platform", "incident", "comms", "statuspage"));
    MAY_USE.put("intake", capabilities);
    MAY_USE.put("web", capabilities);
    // Security guards every entry point, so it knows intake's credential check and the processes it grants.
    MAY_USE.put("security", concat(capabilities, List.of("intake")));
  }

  private static final String APPLICATION = "application";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.firebreak");
  }

  @Test
  void packagesUseOnlyTheLayersBelowThem() {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (String name : MAY_USE.keySet()) {
      layers = layers.layer(name).definedBy("io.firebreak." + name + "..");
    }
    // FirebreakApplication and the wiring beside it: on top of everything.
    layers = layers.layer(APPLICATION).definedBy("io.firebreak");
    for (Map.Entry<String, List<String>> e : MAY_USE.entrySet()) {
      layers = e.getValue().isEmpty() ? layers.whereLayer(e.getKey()).mayNotAccessAnyLayer()
          : layers.whereLayer(e.getKey()).mayOnlyAccessLayers(e.getValue().toArray(String[]::new));
    }
    layers.whereLayer(APPLICATION).mayNotBeAccessedByAnyLayer().check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.firebreak.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyPackageHasItsLayer() {
    Set<String> packages = new TreeSet<>();
    for (JavaClass c : classes) {
      String pkg = c.getPackageName();
      if (pkg.startsWith("io.firebreak.")) {
        packages.add(pkg.substring("io.firebreak.".length()).split("\\.")[0]);
      }
    }
    assertThat(MAY_USE.keySet()).as("a new package needs its place in the layers (here and in docs/architecture.md)")
        .containsAll(packages);
  }

  /** Imports and qualified names in the sources, constants included: javac leaves no trace of those in the classes. */
  @Test
  void sourcesImportOnlyTheLayersBelowThem() throws IOException {
    Path root = Path.of("src/main/java/io/firebreak");
    Pattern reference = Pattern.compile("\\bio\\.firebreak\\.([a-z]+)\\.");
    Pattern application = Pattern.compile("\\bio\\.firebreak\\.[A-Z]");
    Set<String> violations = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() == 1) {
          continue; // the application package may use everything
        }
        String pkg = relative.getName(0).toString();
        List<String> allowed = MAY_USE.get(pkg);
        String source = Files.readString(file);
        Matcher m = reference.matcher(source);
        while (m.find()) {
          String used = m.group(1);
          if (!used.equals(pkg) && (allowed == null || !allowed.contains(used))) {
            violations.add(relative + " uses " + used);
          }
        }
        if (application.matcher(source).find()) {
          violations.add(relative + " uses the application package");
        }
      }
    }
    assertThat(violations).as("upward references in the sources").isEmpty();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
