package io.firebreak.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.ActiveProfiles;

/** Firebreak owns its deployment: stable names, no new versions for an unchanged start, forms deployed with diagrams. */
@SpringBootTest
@ActiveProfiles("test")
class ModelDeployerTest {

  @Autowired ProcessEngine engine;
  @Autowired ModelDeployer deployer;

  private RepositoryService repository() {
    return engine.getRepositoryService();
  }

  private Deployment newestFirebreakDeployment() {
    return repository().createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().listPage(0, 1).get(0);
  }

  @Test
  void deploysEveryModelAndFormUnderItsRelativeName() throws IOException {
    List<String> names = repository().getDeploymentResourceNames(newestFirebreakDeployment().getId());
    List<String> expected;
    try (var processes = Files.list(Path.of("processes")); var forms = Files.list(Path.of("forms"))) {
      expected = java.util.stream.Stream.concat(
              processes.filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn"))
                  .map(p -> "processes/" + p.getFileName()),
              forms.filter(p -> p.toString().endsWith(".form")).map(p -> "forms/" + p.getFileName()))
          .toList();
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(repository().createProcessDefinitionQuery().latestVersion().list())
        .extracting(d -> d.getResourceName()).allMatch(n -> n.startsWith("processes/"));
  }

  @Test
  void anUnchangedRestartCreatesNoNewVersion() {
    long deployments = repository().createDeploymentQuery().count();
    long definitions = repository().createProcessDefinitionQuery().count();

    ModelDeployer.Result again = deployer.deploy();

    assertThat(again.changed()).isFalse();
    assertThat(repository().createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository().createProcessDefinitionQuery().count()).isEqualTo(definitions);
  }

  @Test
  void theSameNamesComeFromAJarAsFromAFolder(@TempDir Path dir) throws IOException {
    // Package processes/ and forms/ into a jar, as the fat jar does, and read them through it.
    Path jar = dir.resolve("models.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      // Directory entries too, as spring-boot-maven-plugin writes them.
      for (String d : List.of("BOOT-INF/", "BOOT-INF/classes/", "BOOT-INF/classes/processes/", "BOOT-INF/classes/forms/")) {
        out.putNextEntry(new java.util.jar.JarEntry(d));
        out.closeEntry();
      }
      for (String folder : List.of("processes", "forms")) {
        try (var files = Files.list(Path.of(folder))) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            out.putNextEntry(new java.util.jar.JarEntry("BOOT-INF/classes/" + folder + "/" + f.getFileName()));
            out.write(Files.readAllBytes(f));
            out.closeEntry();
          }
        }
      }
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {new URL("jar:" + jar.toUri() + "!/BOOT-INF/classes/")}, null)) {
      Map<String, byte[]> fromJar = new ModelDeployer(repository(),
          new PathMatchingResourcePatternResolver(new DefaultResourceLoader(loader))).resources();
      assertThat(fromJar.keySet()).containsExactlyElementsOf(deployer.resources().keySet());
    }
  }

  @Test
  void aChangedDiagramIsDeployedTogetherWithItsForms(@TempDir Path dir) throws IOException {
    Path classes = dir.resolve("classes");
    for (String folder : List.of("processes", "forms")) {
      Files.createDirectories(classes.resolve(folder));
      try (var files = Files.list(Path.of(folder))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, classes.resolve(folder).resolve(f.getFileName()));
        }
      }
    }
    Path triage = classes.resolve("processes/incident-triage.bpmn");
    Files.writeString(triage, Files.readString(triage, StandardCharsets.UTF_8)
        .replace("name=\"Triage incident\"", "name=\"Triage the incident\""), StandardCharsets.UTF_8);
    int versionBefore = repository().createProcessDefinitionQuery().processDefinitionKey("incident-triage")
        .latestVersion().singleResult().getVersion();

    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      ModelDeployer.Result result = new ModelDeployer(repository(),
          new PathMatchingResourcePatternResolver(new DefaultResourceLoader(loader))).deploy();

      assertThat(result.changed()).isTrue();
      List<String> names = repository().getDeploymentResourceNames(result.deployment().getId());
      assertThat(names).contains("processes/incident-triage.bpmn", "forms/triage-incident.form",
          "forms/declare-incident.form");
      assertThat(repository().createProcessDefinitionQuery().processDefinitionKey("incident-triage")
          .latestVersion().singleResult().getVersion()).isEqualTo(versionBefore + 1);
    } finally {
      // Put the shipped models back on top so other tests in this context see them.
      deployer.deploy();
    }
  }
}
