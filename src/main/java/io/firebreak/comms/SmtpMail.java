package io.firebreak.comms;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email over SMTP ({@code spring.mail.*}) from {@code firebreak.mail.from}: a multipart/alternative
 * message with the plain-text part first and the HTML part second. A failure to reach the server
 * fails the step, which Camunda retries.
 */
class SmtpMail implements MailPort {

  private static final Logger log = LoggerFactory.getLogger(SmtpMail.class);

  private final JavaMailSender sender;
  private final String from;

  SmtpMail(JavaMailSender sender, String from) {
    this.sender = sender;
    this.from = from;
  }

  @Override
  public String send(String incidentKey, Mail mail) {
    MimeMessage message = sender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(mail.to().toArray(String[]::new));
      helper.setSubject(mail.subject());
      helper.setText(mail.text(), mail.html());
      for (var header : mail.headers().entrySet()) {
        message.setHeader(header.getKey(), header.getValue());
      }
    } catch (MessagingException e) {
      throw new MailPreparationException("cannot build the '" + mail.subject() + "' email", e);
    }
    sender.send(message);
    String id = messageId(message);
    log.info("{}: emailed '{}' to {} ({})", incidentKey, mail.subject(), mail.to(), id);
    return id;
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      return null;
    }
  }
}
