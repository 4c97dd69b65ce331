package io.firebreak.statuspage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public status page ({@code firebreak.status-page.*}): its name and public address, how many
 * days resolved incidents stay listed, how long browsers and proxies may cache it, and how long
 * one reading of the database serves every request (the rendered page likewise).
 */
@ConfigurationProperties("firebreak.status-page")
record StatusPageProperties(
    @DefaultValue("Firebreak") String name,
    String url,
    @DefaultValue("7") int resolvedDays,
    @DefaultValue("5s") Duration maxAge,
    @DefaultValue("1s") Duration snapshotCache) {}
