package io.firebreak.oncall;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the service catalog and on-call schedules come from ({@code firebreak.catalog.*}).
 *
 * @param location a Spring resource: {@code classpath:oncall/catalog.yaml} (the shipped example)
 *     or a file ({@code file:/etc/firebreak/catalog.yaml}, or a plain path), which is reloaded when it changes
 * @param reloadCheck how often, at most, the file's modification time is checked (on use)
 * @param peoplePassword password given to catalog people when they are first created in Camunda's
 *     identity store; unset (the default) means they get none and cannot log in until an
 *     administrator sets one — for demos only
 */
@ConfigurationProperties("firebreak.catalog")
public record OnCallProperties(
    @DefaultValue("classpath:oncall/catalog.yaml") String location,
    @DefaultValue("10s") Duration reloadCheck,
    String peoplePassword) {}
