package io.firebreak.oncall;

import io.firebreak.comms.ChatPort;
import io.firebreak.comms.Deliveries;
import io.firebreak.comms.MailPort;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.platform.FirebreakProperties;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Pages by Slack DM and email when either is configured, otherwise only notes who would be paged. */
@Configuration(proxyBeanMethods = false)
class PagingConfiguration {

  @Bean
  @ConditionalOnMissingBean(PagingPort.class)
  PagingPort paging(FirebreakProperties properties, ObjectProvider<JavaMailSender> smtp, ChatPort chat, MailPort mail,
      IdentityService identity, IncidentTimeline timeline, Deliveries deliveries) {
    if (properties.slack().configured() || smtp.getIfAvailable() != null) {
      return new DirectPaging(chat, mail, identity, timeline, deliveries);
    }
    return new NotConfiguredPaging(timeline);
  }
}
