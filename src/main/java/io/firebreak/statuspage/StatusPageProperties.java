package io.firebreak.statuspage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public status page ({@code firebreak.status-page.*}): its name and public address, how many
 * days resolved incidents stay listed, how long browsers and proxies may cache it, and how long
 * one reading of the database serves every request (the rendered page likewise).
 *
 * <p>Subscribers: {@code subscribers} get every public update, {@code component-subscribers.<component>}
 * those that name that component (case-insensitive); both empty (the default) = nobody is emailed.
 * {@code unsubscribe-secret} signs the unsubscribe links; unset = a key generated once and kept in
 * the database ({@link SubscriberStore}).
 */
@ConfigurationProperties("firebreak.status-page")
record StatusPageProperties(
    @DefaultValue("Firebreak") String name,
    String url,
    @DefaultValue("7") int resolvedDays,
    @DefaultValue("5s") Duration maxAge,
    @DefaultValue("1s") Duration snapshotCache,
    List<String> subscribers,
    Map<String, List<String>> componentSubscribers,
    String unsubscribeSecret) {

  StatusPageProperties {
    subscribers = subscribers == null ? List.of() : subscribers.stream().map(String::strip).filter(s -> !s.isEmpty())
        .toList();
    Map<String, List<String>> lists = new java.util.LinkedHashMap<>();
    if (componentSubscribers != null) {
      componentSubscribers.forEach((component, addresses) -> lists.put(component.strip(), addresses == null ? List.of()
          : addresses.stream().map(String::strip).filter(s -> !s.isEmpty()).toList()));
    }
    componentSubscribers = java.util.Collections.unmodifiableMap(lists);
  }

  /** The page's public address: {@code url}, or {@code /status} under Firebreak's own base URL. */
  String publicUrl(String baseUrl) {
    String base = url == null || url.isBlank() ? baseUrl.replaceAll("/+$", "") + "/status" : url.strip();
    return base.replaceAll("/+$", "");
  }
}
