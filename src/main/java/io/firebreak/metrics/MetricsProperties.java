package io.firebreak.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Firebreak's metrics ({@code firebreak.metrics.*}): they are read from the database on scrape and
 * kept for {@code cache-seconds}, so frequent scrapes or several Prometheus servers cost one query
 * round per period.
 */
@ConfigurationProperties("firebreak.metrics")
public record MetricsProperties(@DefaultValue("15") int cacheSeconds) {}
