package io.firebreak.comms;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test double for {@link ChatPort}: records every call; can be told to fail the next calls, as
 * Slack would during an outage.
 */
public class RecordingChat implements ChatPort {

  /** One call: what, where, and the text or people involved. */
  public record Call(String incidentKey, String action, String channel, String detail) {}

  public final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile int failures;

  public void failNext(int times) {
    failures = times;
  }

  public void clear() {
    calls.clear();
    failures = 0;
  }

  public List<Call> posts(String channel) {
    return calls.stream().filter(c -> c.action().equals("post") && c.channel().equals(channel)).toList();
  }

  private void maybeFail() {
    if (failures > 0) {
      failures--;
      throw new IllegalStateException("chat unavailable (scripted failure)");
    }
  }

  @Override
  public String openChannel(String incidentKey, String name, boolean isPrivate) {
    maybeFail();
    calls.add(new Call(incidentKey, isPrivate ? "open-private" : "open", name, null));
    return name;
  }

  @Override
  public void post(String incidentKey, String channel, String text) {
    maybeFail();
    calls.add(new Call(incidentKey, "post", channel, text));
  }

  @Override
  public void invite(String incidentKey, String channel, List<String> userIds) {
    maybeFail();
    calls.add(new Call(incidentKey, "invite", channel, String.join(",", userIds)));
  }

  @Override
  public void archive(String incidentKey, String channel) {
    maybeFail();
    calls.add(new Call(incidentKey, "archive", channel, null));
  }
}
