package io.firebreak.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebreak.incident.IncidentLinks;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
import io.firebreak.integrations.OutboundDeliveries.Earlier;
import io.firebreak.integrations.OutboundDeliveries.State;
import io.firebreak.platform.Var;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The generic outbound HTTP step a process owner configures in Modeler (element templates "Call an
 * HTTP API", "Create Jira issue", "Comment on the Jira issue", "Close the Jira issue", "Create Zoom
 * meeting", "Send a webhook"). Inputs, all text:
 *
 * <ul>
 *   <li>{@code method}, {@code url}: absolute, or relative to the secret's {@code base-url}; Mustache,
 *       values URL-encoded;
 *   <li>{@code secret}: the name under {@code firebreak.integrations.secrets} (base URL, credentials,
 *       signing key), never the secret itself;
 *   <li>{@code headers}: lines {@code Name: value} (Mustache); {@code body}: Mustache, values JSON-escaped;
 *   <li>{@code successStatuses}: e.g. {@code 2xx} (default) or {@code 200,201,204};
 *   <li>{@code response}: lines {@code variable = /json/pointer}: response fields kept as process variables;
 *   <li>{@code links}: lines {@code name = url | ref} (Mustache over the kept fields and {@code baseUrl}):
 *       links of the incident shown in the channel, emails and the incident API;
 *   <li>{@code lookupUrl} + {@code lookupResponse}: how to find what an earlier attempt may have
 *       created (a GET); "found" when the first kept field is set.
 * </ul>
 *
 * <p>Idempotent on retry: every request carries {@code Idempotency-Key}, a UUID derived from process
 * instance, element and job ({@link OutboundDeliveries#stepKey}), also {@code {{idempotencyKey}}} in
 * templates (the Jira template puts it in a label). The attempt is recorded before the call in its own
 * transaction. A retry finds the record: delivered → not sent again, the kept fields are set again; an
 * attempt whose outcome is unknown (timeout, 5xx, a crash) → the lookup asks the other system first and
 * adopts what it finds, so a Jira issue created by a timed-out attempt is not created twice. Without a
 * lookup the request is repeated with the same Idempotency-Key, which receivers that honour it dedupe.
 * A status outside the success list or an unreachable system fails the step: Camunda retries it on the
 * model's cycle and, after the last retry, shows an incident in Cockpit.
 *
 * <p>Used by {@code Task_CreateTicket}, {@code Task_CreateVideoBridge} (incident-declaration),
 * {@code Task_CommentOnTicket}, {@code Task_CloseTicket} (incident).
 */
@Component("callHttp")
class CallHttp implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(CallHttp.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  static final Var<String> METHOD = Var.string("method");
  static final Var<String> URL = Var.string("url");
  static final Var<String> SECRET = Var.string("secret");
  static final Var<String> HEADERS = Var.string("headers");
  static final Var<String> BODY = Var.string("body");
  static final Var<String> SUCCESS = Var.string("successStatuses");
  static final Var<String> RESPONSE = Var.string("response");
  static final Var<String> LINKS = Var.string("links");
  static final Var<String> LOOKUP_URL = Var.string("lookupUrl");
  static final Var<String> LOOKUP_RESPONSE = Var.string("lookupResponse");

  private final OutboundHttp http;
  private final Credentials credentials;
  private final OutboundDeliveries deliveries;
  private final StepModel models;
  private final IncidentLinks links;
  private final IncidentTimeline timeline;
  private final IntegrationsProperties properties;

  CallHttp(OutboundHttp http, Credentials credentials, OutboundDeliveries deliveries, StepModel models, IncidentLinks links,
      IncidentTimeline timeline, IntegrationsProperties properties) {
    this.http = http;
    this.credentials = credentials;
    this.deliveries = deliveries;
    this.models = models;
    this.links = links;
    this.timeline = timeline;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String incidentKey = Incidents.keyOf(execution);
    String method = METHOD.require(execution).strip().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalStateException("input 'method' of " + execution.getCurrentActivityId()
          + " must be one of " + METHODS + ", not '" + method + "'");
    }
    IntegrationsProperties.Secret secret = secret(execution);
    String stepKey = OutboundDeliveries.stepKey(execution);
    String idempotencyKey = UUID.nameUUIDFromBytes(stepKey.getBytes(StandardCharsets.UTF_8)).toString();
    Map<String, Object> model = models.of(execution);
    model.put("idempotencyKey", idempotencyKey);
    model.put("baseUrl", secret == null ? "" : strip(secret.baseUrl()));

    Optional<Earlier> earlier = deliveries.find(stepKey);
    if (earlier.isPresent() && earlier.get().state() == State.DELIVERED) {
      log.info("{}: {} already delivered, not calling again", incidentKey, execution.getCurrentActivityId());
      keep(execution, incidentKey, model, parse(earlier.get().result()));
      return;
    }
    if (earlier.isPresent() && earlier.get().state() == State.SENDING && LOOKUP_URL.get(execution) != null) {
      Map<String, String> found = lookup(execution, secret, model, idempotencyKey);
      if (found != null) {
        log.info("{}: {} found what an earlier attempt created, not calling again", incidentKey,
            execution.getCurrentActivityId());
        deliveries.outcome(stepKey, State.DELIVERED, null, json(found), "found by lookup after an unknown outcome");
        keep(execution, incidentKey, model, found);
        return;
      }
    }

    URI uri = uri(StepModel.render(URL.require(execution), StepModel.URL, model), secret);
    String body = StepModel.render(BODY.get(execution), StepModel.JSON, model);
    byte[] bytes = body == null || body.isBlank() ? null : body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = headers(execution, model, secret, idempotencyKey, bytes);
    String target = method + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();

    deliveries.sending(stepKey, incidentKey, target, null);
    OutboundHttp.Response response;
    try {
      response = http.send(method, uri, headers, bytes);
    } catch (RuntimeException e) {
      // Unknown outcome: the request may have landed. The record stays SENDING; the retry looks up.
      String why = OutboundHttp.describe(e, uri);
      deliveries.outcome(stepKey, State.SENDING, null, null, why);
      throw new IllegalStateException(execution.getCurrentActivityId() + ": " + why + " (will be retried)");
    }
    if (!Statuses.parse(SUCCESS.getOr(execution, "2xx")).test(response.status())) {
      // 4xx: refused, nothing was made. 5xx: may have been half made: the retry looks up first.
      State state = response.status() >= 500 ? State.SENDING : State.REJECTED;
      String why = target + " answered " + response.status();
      deliveries.outcome(stepKey, state, response.status(), null, why + ": " + abbreviate(response.body()));
      throw new IllegalStateException(execution.getCurrentActivityId() + ": " + why + ": " + abbreviate(response.body()));
    }
    Map<String, String> kept = pick(RESPONSE.get(execution), response.body());
    deliveries.outcome(stepKey, State.DELIVERED, response.status(), json(kept), null);
    keep(execution, incidentKey, model, kept);
  }

  private IntegrationsProperties.Secret secret(DelegateExecution execution) {
    String name = SECRET.get(execution);
    if (name == null || name.isBlank()) {
      return null;
    }
    IntegrationsProperties.Secret secret = properties.secrets().get(name.strip());
    if (secret == null || !secret.configured()) {
      throw new IllegalStateException(execution.getCurrentActivityId() + " needs the secret '" + name.strip()
          + "': set firebreak.integrations.secrets." + name.strip() + ".base-url (and its credentials)");
    }
    return secret;
  }

  private Map<String, String> lookup(DelegateExecution execution, IntegrationsProperties.Secret secret,
      Map<String, Object> model, String idempotencyKey) {
    URI uri = uri(StepModel.render(LOOKUP_URL.get(execution), StepModel.URL, model), secret);
    Map<String, String> headers = headers(execution, model, secret, idempotencyKey, null);
    OutboundHttp.Response response = http.send("GET", uri, headers, null);
    if (response.status() / 100 != 2) {
      throw new IllegalStateException(execution.getCurrentActivityId() + ": looking up an earlier attempt, "
          + uri.getPath() + " answered " + response.status() + " (will be retried)");
    }
    Map<String, String> found = pick(LOOKUP_RESPONSE.get(execution), response.body());
    return found.isEmpty() || found.values().iterator().next() == null ? null : found;
  }

  private Map<String, String> headers(DelegateExecution execution, Map<String, Object> model,
      IntegrationsProperties.Secret secret, String idempotencyKey, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.put("User-Agent", "Firebreak");
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    for (Map.Entry<String, String> line : Lines.parse(HEADERS.get(execution), ':').entrySet()) {
      headers.put(line.getKey(), StepModel.render(line.getValue(), StepModel.NONE, model));
    }
    headers.put("Idempotency-Key", idempotencyKey);
    String authorization = secret == null ? null : credentials.authorization(SECRET.get(execution).strip(), secret);
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    if (secret != null && secret.signingKey() != null && !secret.signingKey().isBlank()) {
      long timestamp = ClockUtil.getCurrentTime().getTime() / 1000;
      headers.put(Signatures.TIMESTAMP_HEADER, Long.toString(timestamp));
      headers.put(Signatures.SIGNATURE_HEADER, Signatures.sign(secret.signingKey(), timestamp,
          body == null ? new byte[0] : body));
    }
    return headers;
  }

  /** Sets the kept fields as process variables and records the links they make. */
  private void keep(DelegateExecution execution, String incidentKey, Map<String, Object> model, Map<String, String> kept) {
    kept.forEach(execution::setVariable);
    model.putAll(kept);
    for (Map.Entry<String, String> link : Lines.parse(LINKS.get(execution), '=').entrySet()) {
      String rendered = StepModel.render(link.getValue(), StepModel.NONE, model);
      int bar = rendered.indexOf('|');
      String url = (bar < 0 ? rendered : rendered.substring(0, bar)).strip();
      String ref = bar < 0 ? null : rendered.substring(bar + 1).strip();
      if (url.isEmpty()) {
        continue;
      }
      links.put(incidentKey, link.getKey(), url, ref == null || ref.isEmpty() ? null : ref);
      timeline.add(incidentKey, TimelineKind.LINKED, "firebreak", "linked", IncidentTimeline.facts("name", link.getKey(), "url", url,
          "ref", ref));
    }
  }

  static Map<String, String> pick(String mapping, String body) {
    Map<String, String> kept = new LinkedHashMap<>();
    Map<String, String> pointers = Lines.parse(mapping, '=');
    if (pointers.isEmpty()) {
      return kept;
    }
    JsonNode json;
    try {
      json = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the response is not JSON, so no fields can be kept from it");
    }
    pointers.forEach((variable, pointer) -> {
      JsonNode value = json.at(pointer.strip());
      kept.put(variable, value.isMissingNode() || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString());
    });
    return kept;
  }

  private static URI uri(String url, IntegrationsProperties.Secret secret) {
    String u = url.strip();
    if (!u.startsWith("http://") && !u.startsWith("https://")) {
      if (secret == null) {
        throw new IllegalStateException("url '" + u + "' is relative: name a secret with a base-url");
      }
      u = strip(secret.baseUrl()) + (u.startsWith("/") ? u : "/" + u);
    }
    return URI.create(u);
  }

  private static String strip(String base) {
    return base == null ? "" : base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private static String json(Map<String, String> kept) {
    ObjectNode node = JSON.createObjectNode();
    kept.forEach(node::put);
    return node.toString();
  }

  private static Map<String, String> parse(String result) {
    Map<String, String> kept = new LinkedHashMap<>();
    if (result == null || result.isBlank()) {
      return kept;
    }
    try {
      JSON.readTree(result).fields().forEachRemaining(e -> kept.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable delivery record", e);
    }
    return kept;
  }

  private static String abbreviate(String body) {
    String b = body == null ? "" : body.strip();
    return b.length() <= 300 ? b : b.substring(0, 300) + "…";
  }
}
