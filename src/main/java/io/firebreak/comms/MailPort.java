package io.firebreak.comms;

import java.util.List;
import java.util.Map;

/**
 * Email to people about an incident. Called from its own async step, wrapped in
 * {@link Deliveries} so that a retried step does not send the same email again.
 */
public interface MailPort {

  /**
   * Sends one email.
   *
   * @return its Message-ID, or {@code null} when nothing was sent
   */
  String send(String incidentKey, Mail mail);

  /**
   * One email: plain text always, HTML alongside it; {@code headers} are extra header fields (e.g.
   * {@code List-Unsubscribe}), set by the code, never from user text.
   */
  record Mail(List<String> to, String subject, String text, String html, Map<String, String> headers) {

    public Mail {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public Mail(List<String> to, String subject, String text, String html) {
      this(to, subject, text, html, Map.of());
    }
  }
}
