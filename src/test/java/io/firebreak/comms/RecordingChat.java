package io.firebreak.comms;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double for {@link ChatPort}: records every call; can be told to fail the next calls, as
 * Slack would during an outage.
 */
public class RecordingChat implements ChatPort {

  /** One call: what, where, and the text or people involved. */
  public record Call(String incidentKey, String action, String channel, String detail) {}

  public final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger ts = new AtomicInteger();
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

  /** The calls of these actions only (e.g. without topic changes). */
  public List<Call> calls(String... actions) {
    List<String> wanted = List.of(actions);
    return calls.stream().filter(c -> wanted.contains(c.action())).toList();
  }

  private void maybeFail() {
    if (failures > 0) {
      failures--;
      throw new IllegalStateException("chat unavailable (scripted failure)");
    }
  }

  @Override
  public Channel openChannel(String incidentKey, String name, boolean isPrivate) {
    maybeFail();
    calls.add(new Call(incidentKey, isPrivate ? "open-private" : "open", name, null));
    return new Channel(null, name);
  }

  @Override
  public String post(String incidentKey, String channel, String text) {
    maybeFail();
    calls.add(new Call(incidentKey, "post", channel, text));
    return "ts-" + ts.incrementAndGet();
  }

  @Override
  public void setTopic(String incidentKey, String channel, String topic) {
    maybeFail();
    calls.add(new Call(incidentKey, "topic", channel, topic));
  }

  @Override
  public void invite(String incidentKey, String channel, List<String> emails) {
    maybeFail();
    calls.add(new Call(incidentKey, "invite", channel, String.join(",", emails)));
  }

  @Override
  public void archive(String incidentKey, String channel) {
    maybeFail();
    calls.add(new Call(incidentKey, "archive", channel, null));
  }

  @Override
  public String directMessage(String incidentKey, String email, String text) {
    maybeFail();
    calls.add(new Call(incidentKey, "dm", email, text));
    return "ts-" + ts.incrementAndGet();
  }
}
