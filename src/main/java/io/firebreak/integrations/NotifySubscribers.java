package io.firebreak.integrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentLinks;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.Incidents;
import io.firebreak.integrations.OutboundDeliveries.Earlier;
import io.firebreak.integrations.OutboundDeliveries.State;
import io.firebreak.platform.FirebreakProperties;
import io.firebreak.platform.Var;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Tells the webhook subscribers an operator registered ({@code firebreak.integrations.subscribers})
 * of an incident event. Input {@code event}: {@code declared}, {@code severity-changed},
 * {@code resolved} or {@code closed}. Each subscriber that wants the event gets one signed POST
 * (JSON: event, incident, links; headers {@code X-Firebreak-Event}, {@code Idempotency-Key},
 * {@code X-Firebreak-Timestamp}, {@code X-Firebreak-Signature}); each delivery is a row of
 * {@code fb_outbound_delivery} (the delivery log). A retry sends only to those not yet delivered; a
 * subscriber that keeps failing fails the step, which Camunda retries and then shows in Cockpit.
 * Confidential incidents (response plan) leave title and description out.
 *
 * <p>Used by {@code Task_NotifyIncidentDeclared}, {@code Task_NotifySeverityChanged},
 * {@code Task_NotifyIncidentResolved} and {@code Task_NotifyIncidentClosed} (incident).
 */
@Component("notifySubscribers")
class NotifySubscribers implements JavaDelegate {

  static final Var<String> EVENT = Var.string("event");
  static final Set<String> EVENTS = Set.of("declared", "severity-changed", "resolved", "closed");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IntegrationsProperties properties;
  private final OutboundHttp http;
  private final OutboundDeliveries deliveries;
  private final IncidentRepository incidents;
  private final IncidentLinks links;
  private final FirebreakProperties firebreak;

  NotifySubscribers(IntegrationsProperties properties, OutboundHttp http, OutboundDeliveries deliveries,
      IncidentRepository incidents, IncidentLinks links, FirebreakProperties firebreak) {
    this.properties = properties;
    this.http = http;
    this.deliveries = deliveries;
    this.incidents = incidents;
    this.links = links;
    this.firebreak = firebreak;
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    String event = EVENT.require(execution).strip().toLowerCase(Locale.ROOT);
    if (!EVENTS.contains(event)) {
      throw new IllegalStateException("input 'event' of " + execution.getCurrentActivityId() + " must be one of "
          + EVENTS + ", not '" + event + "'");
    }
    String key = Incidents.keyOf(execution);
    String stepKey = OutboundDeliveries.stepKey(execution);
    byte[] body = null;
    List<String> failed = new ArrayList<>();
    for (IntegrationsProperties.Subscriber subscriber : properties.subscribers()) {
      if (!subscriber.wants(event)) {
        continue;
      }
      String deliveryKey = stepKey + "/webhook:" + subscriber.name();
      Optional<Earlier> earlier = deliveries.find(deliveryKey);
      if (earlier.isPresent() && earlier.get().state() == State.DELIVERED) {
        continue;
      }
      if (body == null) {
        body = JSON.writeValueAsBytes(payload(event, key, execution));
      }
      URI uri = URI.create(subscriber.url());
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Content-Type", "application/json");
      headers.put("User-Agent", "Firebreak");
      headers.put("X-Firebreak-Event", event);
      // The same for every attempt of this delivery: a receiver dedupes on it.
      headers.put("Idempotency-Key", UUID.nameUUIDFromBytes(deliveryKey.getBytes(StandardCharsets.UTF_8)).toString());
      if (subscriber.signingKey() != null && !subscriber.signingKey().isBlank()) {
        long timestamp = ClockUtil.getCurrentTime().getTime() / 1000;
        headers.put(Signatures.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(Signatures.SIGNATURE_HEADER, Signatures.sign(subscriber.signingKey(), timestamp, body));
      }
      deliveries.sending(deliveryKey, key, "webhook:" + subscriber.name(), event);
      try {
        OutboundHttp.Response response = http.send("POST", uri, headers, body);
        if (response.status() / 100 == 2) {
          deliveries.outcome(deliveryKey, State.DELIVERED, response.status(), null, null);
        } else {
          deliveries.outcome(deliveryKey, State.SENDING, response.status(), null, "answered " + response.status());
          failed.add(subscriber.name() + " (" + response.status() + ")");
        }
      } catch (RuntimeException e) {
        String why = OutboundHttp.describe(e, uri);
        deliveries.outcome(deliveryKey, State.SENDING, null, null, why);
        failed.add(subscriber.name() + " (" + why + ")");
      }
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException("webhook '" + event + "' not delivered to " + String.join(", ", failed)
          + " (will be retried; the others are not sent again)");
    }
  }

  private Map<String, Object> payload(String event, String key, DelegateExecution execution) {
    Incident incident = incidents.find(key).orElseThrow(() -> new IllegalStateException("no incident " + key));
    boolean confidential = !Boolean.FALSE.equals(IncidentVariables.CONFIDENTIAL.get(execution));
    Map<String, Object> i = new LinkedHashMap<>();
    i.put("key", incident.key());
    if (!confidential) {
      i.put("title", incident.title());
    }
    i.put("severity", incident.severity());
    i.put("type", incident.type());
    i.put("service", incident.service());
    i.put("state", incident.state().name().toLowerCase(Locale.ROOT));
    i.put("phase", incident.phase().name().toLowerCase(Locale.ROOT));
    i.put("customerImpact", incident.customerImpact());
    i.put("incidentCommander", incident.roles().incidentCommander());
    i.put("url", firebreak.baseUrl() + "/api/incidents/" + key);
    i.put("links", links.asMaps(key));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", event);
    payload.put("at", ClockUtil.getCurrentTime().toInstant().toString());
    payload.put("incident", i);
    return payload;
  }
}
