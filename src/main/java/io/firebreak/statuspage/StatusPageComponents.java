package io.firebreak.statuspage;

import java.util.List;
import java.util.Optional;

/**
 * The public components, from the service catalog's {@code statusPageComponent} (wired at the
 * application root, so this package does not depend on {@code oncall}).
 */
public interface StatusPageComponents {

  /** Every component, in catalog order, each once. */
  List<String> all();

  /** The component of a catalog service, if it has one. */
  Optional<String> of(String service);
}
