package io.firebreak.comms;

import java.util.List;

/** Email to people about an incident. Called from its own async step. */
public interface MailPort {

  void send(String incidentKey, Mail mail);

  /** One email: plain text always, HTML alongside it. */
  record Mail(List<String> to, String subject, String text, String html) {}
}
