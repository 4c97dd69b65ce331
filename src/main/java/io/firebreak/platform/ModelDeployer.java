package io.firebreak.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every {@code .bpmn} and {@code .dmn} under {@code processes/} and every {@code .form}
 * under {@code forms/} as one deployment named {@value #DEPLOYMENT_NAME}, before the web server
 * accepts requests.
 *
 * <p>Resource names are the paths relative to the classpath root ({@code processes/incident.bpmn},
 * {@code forms/triage-incident.form}), identical for the fat jar, {@code spring-boot:run} and
 * tests, so duplicate filtering sees an unchanged restart as unchanged and creates no new
 * versions. When anything changed, everything is deployed again (not only the changed file) so a
 * diagram and its forms always share a deployment. Deployments made from Camunda Modeler have
 * their own names and are left alone.
 */
@Component
public class ModelDeployer implements SmartInitializingSingleton {

  public static final String DEPLOYMENT_NAME = "firebreak";
  static final String[] PATTERNS = {"processes/**/*.bpmn", "processes/**/*.dmn", "forms/**/*.form"};
  private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

  private final RepositoryService repository;
  private final PathMatchingResourcePatternResolver resolver;

  @Autowired
  ModelDeployer(RepositoryService repository) {
    this(repository, new PathMatchingResourcePatternResolver());
  }

  ModelDeployer(RepositoryService repository, PathMatchingResourcePatternResolver resolver) {
    this.repository = repository;
    this.resolver = resolver;
  }

  @Override
  public void afterSingletonsInstantiated() {
    deploy();
  }

  /** The outcome of {@link #deploy()}: the current Firebreak deployment and whether it is new. */
  public record Result(Deployment deployment, boolean changed) {}

  /** Deploys the models if any changed since the last Firebreak deployment. */
  public Result deploy() {
    Map<String, byte[]> resources = resources();
    if (resources.isEmpty()) {
      throw new IllegalStateException("no models found under classpath processes/ and forms/");
    }
    String previous = newestId();
    DeploymentBuilder builder = repository.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source("firebreak")
        .enableDuplicateFiltering(false);
    resources.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
    Deployment deployment = builder.deployWithResult();
    boolean changed = !deployment.getId().equals(previous);
    log.info("Firebreak models: {} resources, deployment {} ({})", resources.size(), deployment.getId(),
        changed ? "deployed" : "unchanged, nothing deployed");
    return new Result(deployment, changed);
  }

  private String newestId() {
    return repository.createDeploymentQuery().deploymentName(DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst().map(Deployment::getId).orElse(null);
  }

  /** Resource name → content, sorted by name. */
  Map<String, byte[]> resources() {
    Map<String, byte[]> resources = new TreeMap<>();
    try {
      for (String pattern : PATTERNS) {
        String folder = pattern.substring(0, pattern.indexOf('/') + 1);
        Resource[] roots = resolver.getResources("classpath*:" + folder);
        for (Resource resource : resolver.getResources("classpath*:" + pattern)) {
          String name = relativeName(resource, roots, folder);
          try (InputStream in = resource.getInputStream()) {
            resources.put(name, in.readAllBytes());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the models under processes/ and forms/", e);
    }
    return resources;
  }

  private static String relativeName(Resource resource, Resource[] roots, String folder) throws IOException {
    String url = resource.getURL().toString();
    for (Resource root : roots) {
      String rootUrl = root.getURL().toString();
      if (!rootUrl.endsWith("/")) {
        rootUrl += "/";
      }
      if (url.startsWith(rootUrl)) {
        return folder + url.substring(rootUrl.length());
      }
    }
    throw new IllegalStateException("model " + url + " is not below a classpath " + folder + " folder");
  }
}
