package io.firebreak.oncall;

import io.firebreak.oncall.CatalogParser.InvalidCatalogException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Holds the current catalog. It is read and validated at start (an invalid file stops the start,
 * with every problem listed); a catalog file on disk is reloaded when its modification time
 * changes, checked at most every {@code firebreak.catalog.reload-check} when the catalog is used.
 * A reload that fails validation keeps the last good catalog and logs why.
 */
@Component
public class CatalogStore {

  /** Published after a (re)load, so that e.g. the identity store learns new people. */
  public record CatalogLoaded(Catalog catalog) {}

  private static final Logger log = LoggerFactory.getLogger(CatalogStore.class);

  private final Resource resource;
  private final Path file;
  private final OnCallProperties properties;
  private final ApplicationEventPublisher events;
  private volatile Catalog current;
  private volatile FileTime loadedModified;
  private volatile Instant lastCheck = Instant.MIN;
  private volatile String lastError;

  CatalogStore(OnCallProperties properties, ApplicationEventPublisher events) {
    this.properties = properties;
    this.events = events;
    String location = properties.location();
    this.resource = new DefaultResourceLoader().getResource(
        location.contains(":") && !location.matches("[A-Za-z]:\\\\.*") ? location : "file:" + location);
    Path path = null;
    if (resource.isFile()) {
      try {
        path = resource.getFile().toPath();
      } catch (IOException e) {
        path = null;
      }
    }
    this.file = path;
    this.current = load();
    log.info("Service catalog {}: {} services, {} schedules, {} escalation policies, {} people", location,
        current.services().size(), current.schedules().size(), current.policies().size(), current.people().size());
  }

  /** The current catalog, reloaded first when its file changed since the last check. */
  public Catalog catalog() {
    if (file != null) {
      Instant now = Instant.now();
      if (now.isAfter(lastCheck.plus(properties.reloadCheck()))) {
        lastCheck = now;
        reloadIfChanged();
      }
    }
    return current;
  }

  /** Why the last reload was rejected (the catalog in use is older than the file), or null. */
  public String lastError() {
    return lastError;
  }

  /** Where the catalog is read from, for operators. */
  public String location() {
    return properties.location();
  }

  synchronized void reloadIfChanged() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(loadedModified)) {
        return;
      }
      Catalog next = parse(modified);
      current = next;
      lastError = null;
      log.info("Service catalog {} reloaded: {} services", file, next.services().size());
      events.publishEvent(new CatalogLoaded(next));
    } catch (InvalidCatalogException e) {
      lastError = e.getMessage();
      log.error("Service catalog {} changed but is invalid; keeping the last good version. {}", file, e.getMessage());
    } catch (IOException | UncheckedIOException e) {
      lastError = "cannot read " + file + ": " + e.getMessage();
      log.error("Service catalog {} cannot be read; keeping the last good version: {}", file, e.getMessage());
    }
  }

  private Catalog load() {
    try {
      return parse(file == null ? null : Files.getLastModifiedTime(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the service catalog " + properties.location(), e);
    }
  }

  private Catalog parse(FileTime modified) throws IOException {
    String text;
    try (InputStream in = resource.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // Remember the file version even when it is invalid, so an invalid file is reported once.
    loadedModified = modified;
    return CatalogParser.parse(resource.getFilename() == null ? properties.location() : resource.getFilename(), text);
  }
}
