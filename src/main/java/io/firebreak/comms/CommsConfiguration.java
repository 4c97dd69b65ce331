package io.firebreak.comms;

import io.firebreak.incident.IncidentRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the chat and mail adapters; the "not configured" ones stand in when nothing else is. */
@Configuration(proxyBeanMethods = false)
class CommsConfiguration {

  @Bean
  @ConditionalOnMissingBean(ChatPort.class)
  ChatPort notConfiguredChat(IncidentRepository incidents) {
    return new NotConfiguredChat(incidents);
  }

  @Bean
  @ConditionalOnMissingBean(MailPort.class)
  MailPort notConfiguredMail(IncidentRepository incidents) {
    return new NotConfiguredMail(incidents);
  }
}
