package io.firebreak.integrations;

import java.sql.Timestamp;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the outbound delivery log ({@code fb_outbound_delivery}) to
 * {@code firebreak.integrations.delivery-log-retention} (default 90 days): once a night, finished
 * rows older than that are deleted. Safe on several nodes at once (the same idempotent delete).
 */
@Component
class DeliveryLogRetention {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLogRetention.class);

  private final OutboundDeliveries deliveries;
  private final IntegrationsProperties properties;

  DeliveryLogRetention(OutboundDeliveries deliveries, IntegrationsProperties properties) {
    this.deliveries = deliveries;
    this.properties = properties;
  }

  @Scheduled(cron = "${firebreak.integrations.delivery-log-cleanup-cron:0 23 3 * * *}")
  int forgetOldDeliveries() {
    Timestamp before = new Timestamp(ClockUtil.getCurrentTime().getTime()
        - properties.deliveryLogRetention().toMillis());
    int forgotten = deliveries.forgetFinishedBefore(before);
    if (forgotten > 0) {
      LOG.info("Delivery log: forgot {} finished deliveries last tried before {}", forgotten, before.toInstant());
    }
    return forgotten;
  }
}
