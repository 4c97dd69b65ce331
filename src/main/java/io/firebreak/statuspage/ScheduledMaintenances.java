package io.firebreak.statuspage;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Planned maintenance on the built-in page, for the {@code maintenance} process. Stored by Firebreak
 * whichever status-page adapter is configured, because the response plan's {@code inMaintenance}
 * input reads the windows from here. Every change shows on this node's page at once.
 */
@Component
public class ScheduledMaintenances {

  /** The statuses a process may set: Statuspage's words, and {@code cancelled} (shown as completed). */
  public static final List<String> STATUSES = List.of("scheduled", "in_progress", "verifying", "completed", "cancelled");

  private final MaintenanceStore store;
  private final StatusPageDocuments documents;
  private final StatusSubscribers subscribers;

  ScheduledMaintenances(MaintenanceStore store, StatusPageDocuments documents, StatusSubscribers subscribers) {
    this.subscribers = subscribers;
    this.store = store;
    this.documents = documents;
  }

  /** Shows the maintenance as scheduled (once per key). */
  public void schedule(String key, String name, List<String> components, Instant from, Instant until, String body,
      Instant now) {
    if (store.schedule(key, name, components, from, until, body, now)) {
      documents.changed();
      subscribers.published(StatusSubscribers.MAINTENANCE, key, store.latestUpdateId(key));
    }
  }

  /** Moves it on (in_progress, verifying, completed, cancelled); repeating a status changes nothing. */
  public void advance(String key, String status, String body, Instant now) {
    if (!STATUSES.contains(status) || status.equals("scheduled")) {
      throw new IllegalArgumentException("maintenance status must be one of " + STATUSES.subList(1, STATUSES.size())
          + ", not '" + status + "'");
    }
    if (store.advance(key, status, body, now)) {
      documents.changed();
      subscribers.published(StatusSubscribers.MAINTENANCE, key, store.latestUpdateId(key));
    }
  }

  /** Whether any of these components is in a maintenance window that has started and is not completed. */
  public boolean underMaintenance(List<String> components, Instant now) {
    return store.underMaintenance(components, now);
  }
}
