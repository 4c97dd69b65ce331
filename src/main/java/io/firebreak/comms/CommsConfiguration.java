package io.firebreak.comms;

import io.firebreak.incident.IncidentTimeline;
import io.firebreak.platform.FirebreakProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Chooses the chat and mail adapters by configuration alone: Slack when {@code firebreak.slack.token}
 * is set, SMTP when {@code spring.mail.host} is (Spring Boot then provides a {@link JavaMailSender}),
 * otherwise the "not configured" ones, which say so in each incident's timeline.
 */
@Configuration(proxyBeanMethods = false)
class CommsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CommsConfiguration.class);

  @Bean
  @ConditionalOnMissingBean(ChatPort.class)
  ChatPort chat(FirebreakProperties properties, IncidentTimeline timeline) {
    if (properties.slack().configured()) {
      log.info("Slack: {}", properties.slack().apiUrl());
      return new SlackChat(properties.slack());
    }
    log.info("Slack not configured (FIREBREAK_SLACK_TOKEN unset): Slack steps only note what they would send");
    return new NotConfiguredChat(timeline);
  }

  @Bean
  @ConditionalOnMissingBean(MailPort.class)
  MailPort mail(ObjectProvider<JavaMailSender> sender, FirebreakProperties properties, IncidentTimeline timeline) {
    JavaMailSender smtp = sender.getIfAvailable();
    if (smtp != null) {
      log.info("Email: SMTP, from {}", properties.mail().from());
      return new SmtpMail(smtp, properties.mail().from());
    }
    log.info("Email not configured (spring.mail.host unset): email steps only note what they would send");
    return new NotConfiguredMail(timeline);
  }
}
