package io.firebreak.statuspage;

import io.firebreak.comms.MessageTemplates;
import io.firebreak.incident.IncidentTimeline;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The built-in page is the status page unless another adapter of {@link StatusPagePort} is a bean. */
@Configuration(proxyBeanMethods = false)
class StatusPageConfiguration {

  @Bean
  @ConditionalOnMissingBean(StatusPagePort.class)
  StatusPagePort builtInStatusPage(PublicStatusStore store, IncidentTimeline timeline, MessageTemplates templates,
      StatusPageDocuments documents, StatusSubscribers subscribers) {
    return new BuiltInStatusPage(store, timeline, templates, documents, subscribers);
  }
}
