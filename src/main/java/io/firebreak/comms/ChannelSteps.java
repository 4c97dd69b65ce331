package io.firebreak.comms;

import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
import io.firebreak.platform.FirebreakProperties;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What every Slack channel step does around its own part: find the channel, note on the timeline
 * when there is none, and reach Slack at most once per step ({@link Deliveries}). A delegate asks
 * for a {@link Step} and does only its own call with it.
 */
@Component
public class ChannelSteps {

  private final ChatPort chat;
  private final IncidentRepository incidents;
  private final IncidentTimeline timeline;
  private final Deliveries deliveries;
  private final FirebreakProperties properties;

  ChannelSteps(ChatPort chat, IncidentRepository incidents, IncidentTimeline timeline, Deliveries deliveries,
      FirebreakProperties properties) {
    this.chat = chat;
    this.incidents = incidents;
    this.timeline = timeline;
    this.deliveries = deliveries;
    this.properties = properties;
  }

  /**
   * The step on the incident's channel, or empty after the timeline line {@code noChannel} when the
   * incident has none (light response).
   */
  Optional<Step> inIncidentChannel(DelegateExecution execution, String noChannel, Map<String, ?> facts) {
    return in(execution, incidentChannel(execution), noChannel, facts);
  }

  /** The incident channel's Slack id (else its name), {@code null} when it has none. */
  String incidentChannel(DelegateExecution execution) {
    return IncidentChannel.of(execution, Incidents.keyOf(execution), incidents);
  }

  /**
   * The step on {@code channel}, or empty after the timeline line {@code noChannel} when
   * {@code channel} is not set.
   */
  public Optional<Step> in(DelegateExecution execution, String channel, String noChannel, Map<String, ?> facts) {
    Step step = on(execution, channel);
    if (channel == null || channel.isBlank()) {
      step.skipped(noChannel, facts);
      return Optional.empty();
    }
    return Optional.of(step);
  }

  /**
   * A channel as a step's input names it: {@code broadcast} (the broadcast channel), else a channel
   * name, with or without {@code #}; {@code null} when the broadcast channel is not configured.
   */
  public String named(String target) {
    return "broadcast".equals(target) ? properties.slack().broadcastChannel()
        : target.startsWith("#") ? target.substring(1) : target;
  }

  /** The step on {@code channel}, which it is about to open. */
  Step on(DelegateExecution execution, String channel) {
    return new Step(execution, Incidents.keyOf(execution), channel);
  }

  /** A Slack call made by one step: gets the port, the incident's key and the channel. */
  @FunctionalInterface
  public interface Call {
    String run(ChatPort chat, String incidentKey, String channel);
  }

  /** The same, for a call that returns nothing. */
  @FunctionalInterface
  public interface Action {
    void run(ChatPort chat, String incidentKey, String channel);
  }

  /** One step's work on one channel. */
  public final class Step {

    private final DelegateExecution execution;
    private final String key;
    private final String channel;

    private Step(DelegateExecution execution, String key, String channel) {
      this.execution = execution;
      this.key = key;
      this.channel = channel;
    }

    public String key() {
      return key;
    }

    /**
     * Makes {@code call} unless this step made it already, and returns what it returned then or now.
     * The delivery marker is {@code <what>:<channel>}, with {@code :<detail>} when given: these keys
     * are stored by running jobs, so they must not change (a retry would post again).
     */
    public String call(String what, String detail, Call call) {
      String marker = what + ":" + channel + (detail == null ? "" : ":" + detail);
      return deliveries.once(key, deliveries.stepKey(execution), marker, () -> call.run(chat, key, channel));
    }

    /** {@link #call} for a call that returns nothing. */
    public void run(String what, String detail, Action action) {
      call(what, detail, (port, incidentKey, on) -> {
        action.run(port, incidentKey, on);
        return null;
      });
    }

    /** A timeline line that the step (or part of it) left something undone, worded by {@code wording}. */
    public void skipped(String wording, Map<String, ?> facts) {
      timeline.add(key, TimelineKind.SKIPPED, "slack", wording, facts);
    }
  }
}
