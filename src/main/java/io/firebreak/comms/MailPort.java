package io.firebreak.comms;

import java.util.List;

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

  /** One email: plain text always, HTML alongside it. */
  record Mail(List<String> to, String subject, String text, String html) {}
}
