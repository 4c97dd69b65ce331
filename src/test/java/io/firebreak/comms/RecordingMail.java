package io.firebreak.comms;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double for {@link MailPort}: records every email. */
public class RecordingMail implements MailPort {

  public record Sent(String incidentKey, Mail mail) {}

  public final List<Sent> sent = new CopyOnWriteArrayList<>();

  public void clear() {
    sent.clear();
  }

  public List<Mail> to(String incidentKey) {
    return sent.stream().filter(s -> s.incidentKey().equals(incidentKey)).map(Sent::mail).toList();
  }

  @Override
  public String send(String incidentKey, Mail mail) {
    sent.add(new Sent(incidentKey, mail));
    return "<" + sent.size() + "@recording>";
  }
}
