package io.firebreak.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The per-address throttle of failed logins ({@code firebreak.security.login-throttle.*}): an address
 * may fail {@code freeFailures} times; after that each further attempt waits twice as long as the
 * previous one (1 s, 2 s, 4 s … at most {@code maxDelay}) and is answered 429 until then. An
 * address's count is forgotten after {@code forgetAfter} without a failure.
 */
@ConfigurationProperties("firebreak.security.login-throttle")
record LoginThrottleProperties(
    @DefaultValue("5") int freeFailures,
    @DefaultValue("60s") Duration maxDelay,
    @DefaultValue("15m") Duration forgetAfter,
    @DefaultValue("100000") int maxTrackedAddresses) {}
