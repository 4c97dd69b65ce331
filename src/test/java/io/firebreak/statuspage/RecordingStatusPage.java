package io.firebreak.statuspage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double for {@link StatusPagePort}: records every publication. */
public class RecordingStatusPage implements StatusPagePort {

  public record Published(String incidentKey, String status, String text) {}

  public final List<Published> published = new CopyOnWriteArrayList<>();

  public void clear() {
    published.clear();
  }

  public List<Published> of(String incidentKey) {
    return published.stream().filter(p -> p.incidentKey().equals(incidentKey)).toList();
  }

  @Override
  public void publish(String incidentKey, String status, String text) {
    published.add(new Published(incidentKey, status, text));
  }
}
