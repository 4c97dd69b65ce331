package io.firebreak;

import io.firebreak.oncall.Catalog.Service;
import io.firebreak.oncall.CatalogStore;
import io.firebreak.statuspage.StatusPageComponents;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The status page's components are the catalog services' {@code statusPageComponent}s. Wired here,
 * at the top, because {@code statuspage} and {@code oncall} sit beside each other and know neither.
 */
@Component
class CatalogStatusPageComponents implements StatusPageComponents {

  private final CatalogStore catalog;

  CatalogStatusPageComponents(CatalogStore catalog) {
    this.catalog = catalog;
  }

  @Override
  public List<String> all() {
    return catalog.catalog().services().values().stream().map(Service::statusPageComponent)
        .filter(Objects::nonNull).filter(c -> !c.isBlank()).distinct().toList();
  }

  @Override
  public Optional<String> of(String service) {
    return catalog.catalog().service(service).map(Service::statusPageComponent).filter(c -> !c.isBlank());
  }
}
