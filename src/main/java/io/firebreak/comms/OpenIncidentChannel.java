package io.firebreak.comms;

import static io.firebreak.incident.IncidentVariables.CHANNEL_NAME;
import static io.firebreak.incident.IncidentVariables.PRIVATE_CHANNEL;
import static io.firebreak.incident.IncidentVariables.TITLE;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import java.text.Normalizer;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Opens the incident channel {@code inc-<n>-<slug-of-title>}, private when the plan says so, and
 * records its name and Slack id on the incident. A retry reuses the channel its first attempt
 * opened (delivery marker), and a channel whose name is taken is reused rather than duplicated.
 *
 * <p>Used by {@code Task_OpenIncidentChannel} in {@code incident-declaration.bpmn}.
 */
@Component("openIncidentChannel")
class OpenIncidentChannel implements JavaDelegate {

  /** Slack's limit on channel names. */
  static final int MAX_NAME = 80;

  private final ChannelSteps steps;
  private final IncidentRepository incidents;
  private final ApplicationEventPublisher events;

  OpenIncidentChannel(ChannelSteps steps, IncidentRepository incidents, ApplicationEventPublisher events) {
    this.steps = steps;
    this.incidents = incidents;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String name = channelName(key, TITLE.getOr(execution, ""));
    boolean isPrivate = Boolean.TRUE.equals(PRIVATE_CHANNEL.get(execution));
    String id = steps.on(execution, name).call("channel", null,
        (chat, incidentKey, channel) -> chat.openChannel(incidentKey, channel, isPrivate).id());
    CHANNEL_NAME.set(execution, name);
    incidents.updateChannel(key, name, id);
    events.publishEvent(new ChannelOpened(key, name));
  }

  /** {@code INC-12}, "Checkout: 500s for EU users!" → {@code inc-12-checkout-500s-for-eu-users}. */
  static String channelName(String incidentKey, String title) {
    String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    String name = incidentKey.toLowerCase(Locale.ROOT) + (slug.isEmpty() ? "" : "-" + slug);
    if (name.length() > MAX_NAME) {
      name = name.substring(0, MAX_NAME).replaceAll("-+$", "");
    }
    return name;
  }
}
