package io.firebreak.integrations;

import org.springframework.stereotype.Component;

/**
 * What the models ask about the configured integrations, in gateway conditions:
 * {@code ${integrations.configured('jira')}} (incident-declaration {@code Gateway_TicketWanted},
 * {@code Gateway_BridgeWanted}). Only whether a secret is there; the secret stays in configuration.
 */
@Component("integrations")
public class Integrations {

  private final IntegrationsProperties properties;

  Integrations(IntegrationsProperties properties) {
    this.properties = properties;
  }

  public boolean configured(String secret) {
    IntegrationsProperties.Secret s = properties.secrets().get(secret);
    return s != null && s.configured();
  }
}
