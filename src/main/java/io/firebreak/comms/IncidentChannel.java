package io.firebreak.comms;

import static io.firebreak.incident.IncidentVariables.CHANNEL_NAME;

import io.firebreak.incident.IncidentRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Finds the incident channel for a step: its Slack id when Slack opened it, else its name. */
final class IncidentChannel {

  private IncidentChannel() {}

  /** {@code null} when the incident has no channel (light response). */
  static String of(DelegateExecution execution, String incidentKey, IncidentRepository incidents) {
    String name = CHANNEL_NAME.get(execution);
    if (name == null || name.isBlank()) {
      return null;
    }
    return incidents.channelId(incidentKey).orElse(name);
  }
}
