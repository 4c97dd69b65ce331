package io.firebreak.statuspage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The built-in page's email subscribers ({@code firebreak.status-page.subscribers} and
 * {@code component-subscribers.<component>}): when an update reaches the page, the process
 * {@code status-subscribers} is started in the same transaction, so it is emailed exactly when the
 * update is committed, from an async step of its own. Like other products' subscriber lists this
 * belongs to the page: another {@link StatusPagePort} adapter mails its own subscribers.
 */
@Component
class StatusSubscribers {

  /** The process that emails one public update to its subscribers. */
  static final String PROCESS = "status-subscribers";
  static final String KIND = "publicUpdateKind";
  static final String UPDATE_ID = "publicUpdateId";
  static final String INCIDENT = "incident";
  static final String MAINTENANCE = "maintenance";
  /** The list name of {@code subscribers} (every update). */
  static final String ALL = "all";

  /** One address to email, and the lists that made it a recipient. */
  record Recipient(String address, List<String> lists) {}

  private static final Logger log = LoggerFactory.getLogger(StatusSubscribers.class);
  private static final Pattern MAILBOX = Pattern.compile("[^\\s@<>,;\"]+@[^\\s@<>,;\"]+");

  private final StatusPageProperties properties;
  private final SubscriberStore store;
  private final RuntimeService runtime;

  StatusSubscribers(StatusPageProperties properties, SubscriberStore store, @Lazy RuntimeService runtime) {
    this.properties = properties;
    this.store = store;
    this.runtime = runtime;
    List<String> all = new ArrayList<>(properties.subscribers());
    properties.componentSubscribers().values().forEach(all::addAll);
    all.stream().filter(a -> !MAILBOX.matcher(SubscriberStore.normalise(a)).matches())
        .forEach(a -> log.warn("Status page subscriber '{}' is not an email address: never emailed", a));
  }

  /** Whether any list has an address: with none (the default) nothing is started at all. */
  boolean configured() {
    return !properties.subscribers().isEmpty()
        || properties.componentSubscribers().values().stream().anyMatch(l -> !l.isEmpty());
  }

  /** An update reached the page ({@code updateId} of the incident or maintenance {@code key}). */
  void published(String kind, String key, Optional<String> updateId) {
    if (!configured() || updateId.isEmpty()) {
      return;
    }
    runtime.startProcessInstanceByKey(PROCESS, key,
        Variables.putValue(KIND, kind).putValue(UPDATE_ID, updateId.get()));
  }

  /**
   * Everyone to tell of an update on these components: the general list and the lists of the
   * components (names compared ignoring case), each address once, those who unsubscribed left out.
   */
  List<Recipient> recipients(List<String> components) {
    Map<String, Recipient> byAddress = new LinkedHashMap<>();
    properties.subscribers().forEach(a -> add(byAddress, a, ALL));
    properties.componentSubscribers().forEach((component, addresses) -> {
      if (components.stream().anyMatch(c -> c.equalsIgnoreCase(component))) {
        addresses.forEach(a -> add(byAddress, a, component));
      }
    });
    Set<String> gone = store.unsubscribedAmong(byAddress.keySet());
    return byAddress.entrySet().stream().filter(e -> !gone.contains(e.getKey())).map(Map.Entry::getValue).toList();
  }

  private static void add(Map<String, Recipient> byAddress, String address, String list) {
    String key = SubscriberStore.normalise(address);
    // An address that cannot be a mailbox (a line break, no @) would fail every retry of the step.
    if (!MAILBOX.matcher(key).matches()) {
      return;
    }
    Recipient r = byAddress.computeIfAbsent(key, k -> new Recipient(address.strip(), new ArrayList<>()));
    if (!r.lists().contains(list)) {
      r.lists().add(list);
    }
  }
}
