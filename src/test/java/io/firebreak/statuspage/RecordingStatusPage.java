package io.firebreak.statuspage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double for {@link StatusPagePort}: records every publication. */
public class RecordingStatusPage implements StatusPagePort {

  public record Published(String incidentKey, String status, String text) {}

  /**
   * The shipped {@code status-page} template without a public text: what customers read for a
   * status update whose author wrote nothing for them, so internal update texts never reach the page.
   */
  public static final String HOLDING_TEXT =
      "We are investigating an issue affecting some of our customers and will post an update here as soon as we know more.";

  public final List<Published> published = new CopyOnWriteArrayList<>();
  public final List<StatusPageUpdate> updates = new CopyOnWriteArrayList<>();

  public void clear() {
    published.clear();
    updates.clear();
  }

  public List<Published> of(String incidentKey) {
    return published.stream().filter(p -> p.incidentKey().equals(incidentKey)).toList();
  }

  @Override
  public void publish(StatusPageUpdate update) {
    updates.add(update);
    published.add(new Published(update.incidentKey(), update.status(), update.text()));
  }
}
