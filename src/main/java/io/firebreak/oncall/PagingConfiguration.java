package io.firebreak.oncall;

import io.firebreak.incident.IncidentRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PagingConfiguration {

  @Bean
  @ConditionalOnMissingBean(PagingPort.class)
  PagingPort notConfiguredPaging(IncidentRepository incidents) {
    return new NotConfiguredPaging(incidents);
  }
}
