package io.firebreak.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Spring's scheduler, for housekeeping only (e.g. the delivery log's retention). Everything an
 * incident waits for is a timer in the models, run by the engine's job executor.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {}
