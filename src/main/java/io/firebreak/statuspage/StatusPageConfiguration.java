package io.firebreak.statuspage;

import io.firebreak.incident.IncidentTimeline;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StatusPageConfiguration {

  @Bean
  @ConditionalOnMissingBean(StatusPagePort.class)
  StatusPagePort notConfiguredStatusPage(IncidentTimeline timeline) {
    return new NotConfiguredStatusPage(timeline);
  }
}
