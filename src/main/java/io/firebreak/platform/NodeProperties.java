package io.firebreak.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This node among several sharing one database ({@code firebreak.node.*}): {@code name}
 * ({@code FIREBREAK_NODE_NAME}) is the job executor's lock owner, so {@code ACT_RU_JOB.LOCK_OWNER_}
 * says which node holds a job. Unset: the host name and the server port.
 */
@ConfigurationProperties("firebreak.node")
public record NodeProperties(String name) {}
