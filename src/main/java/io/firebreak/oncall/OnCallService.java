package io.firebreak.oncall;

import io.firebreak.oncall.Catalog.EscalationPolicy;
import io.firebreak.oncall.Catalog.Level;
import io.firebreak.oncall.Catalog.LevelKind;
import io.firebreak.oncall.Catalog.Person;
import io.firebreak.oncall.Catalog.Schedule;
import io.firebreak.oncall.Catalog.Service;
import io.firebreak.oncall.Catalog.Shift;
import io.firebreak.oncall.EscalationPlan.Step;
import io.firebreak.platform.FirebreakProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Who is on call, and who an escalation pages: the one place that answers "who is on call for
 * service X at time T". Time is the engine clock ({@link ClockUtil}), so process tests that move
 * the engine clock move on-call with it. Processes use it through the delegates
 * {@code planEscalation} and {@code pageEscalationLevel}; the bean is named {@code onCall} for
 * expressions.
 */
@Component("onCall")
public class OnCallService {

  /** Level name in the response plan's escalation chain that stands for "whoever is on call". */
  static final String ON_CALL = "on-call";

  private final CatalogStore store;
  private final FirebreakProperties properties;

  OnCallService(CatalogStore store, FirebreakProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  public Catalog catalog() {
    return store.catalog();
  }

  /** The engine's "now". */
  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Who holds {@code layer} of the service's schedule at {@code at}; empty when the service has no schedule. */
  public Optional<Shift> onCall(String service, String layer, Instant at) {
    Catalog catalog = catalog();
    return catalog.service(service)
        .map(Service::schedule)
        .map(catalog.schedules()::get)
        .filter(s -> s.layers().containsKey(layer))
        .map(s -> s.onCall(layer, at));
  }

  /**
   * The escalation for an incident of {@code service} and {@code severity}: the service's policy
   * for that severity, each level waiting at most {@code ackTimeoutMinutes} (the response plan's
   * limit, so the DMN can shorten every delay for SEV1). A service not in the catalog falls back
   * to the response plan's {@code escalationChain}, each level waiting {@code ackTimeoutMinutes}.
   */
  public EscalationPlan plan(String service, String severity, Integer ackTimeoutMinutes, String escalationChain) {
    Catalog catalog = catalog();
    Optional<Service> known = catalog.service(service);
    if (known.isEmpty()) {
      return fallback(ackTimeoutMinutes, escalationChain);
    }
    Service s = known.get();
    String policyId = s.policyFor(severity);
    EscalationPolicy policy = catalog.policies().get(policyId);
    List<Step> steps = new ArrayList<>();
    for (int round = 1; round <= policy.repeat() + 1; round++) {
      for (int i = 0; i < policy.levels().size(); i++) {
        Level level = policy.levels().get(i);
        int delay = ackTimeoutMinutes != null && ackTimeoutMinutes > 0
            ? Math.min(level.delayMinutes(), ackTimeoutMinutes) : level.delayMinutes();
        String schedule = level.kind() == LevelKind.LAYER
            ? (level.schedule() != null ? level.schedule() : s.schedule()) : null;
        steps.add(new Step(i + 1, round, level.kind(), level.target(), schedule, delay));
      }
    }
    return new EscalationPlan(s.id(), policyId, List.copyOf(steps));
  }

  private EscalationPlan fallback(Integer ackTimeoutMinutes, String escalationChain) {
    int delay = ackTimeoutMinutes != null && ackTimeoutMinutes > 0 ? ackTimeoutMinutes : 15;
    List<String> levels = Arrays.stream((escalationChain == null || escalationChain.isBlank() ? ON_CALL : escalationChain)
        .split(",")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      String group = ON_CALL.equals(levels.get(i)) ? properties.paging().onCallGroup() : levels.get(i);
      steps.add(new Step(i + 1, 1, LevelKind.GROUP, group, null, delay));
    }
    return new EscalationPlan(null, EscalationPlan.FALLBACK_POLICY, List.copyOf(steps));
  }

  /**
   * Who a step pages at {@code at}.
   *
   * @param target the user or group paged (what {@link PagingPort} gets)
   * @param user the user, when a person is paged (the acknowledge task is assigned to them)
   * @param group the group that may also acknowledge: the paged group, or the service's team
   * @param via how the target was found, for the timeline ("payments primary", "group leadership")
   * @param until for a schedule layer: when the shift ends
   */
  public record PageTarget(String target, String user, String group, String via, Instant until) {}

  public PageTarget resolve(EscalationPlan plan, Step step, Instant at) {
    Catalog catalog = catalog();
    String teamGroup = plan.service() == null ? null
        : catalog.service(plan.service()).map(Service::team).orElse(null);
    String fallbackGroup = teamGroup != null ? teamGroup : properties.paging().onCallGroup();
    return switch (step.kind()) {
      case GROUP -> new PageTarget(step.target(), null, step.target(), "group " + step.target(), null);
      case USER -> new PageTarget(step.target(), step.target(), fallbackGroup, "user " + step.target(), null);
      case LAYER -> {
        Schedule schedule = step.schedule() == null ? null : catalog.schedules().get(step.schedule());
        if (schedule == null || !schedule.layers().containsKey(step.target())) {
          // The catalog changed under a running incident: page the on-call group rather than no one.
          String group = properties.paging().onCallGroup();
          yield new PageTarget(group, null, group, "group " + group + " (schedule " + step.schedule() + " "
              + step.target() + " no longer in the catalog)", null);
        }
        Shift shift = schedule.onCall(step.target(), at);
        yield new PageTarget(shift.user(), shift.user(), fallbackGroup,
            schedule.id() + " " + step.target() + (shift.override() ? " (override)" : ""), shift.until());
      }
    };
  }

  public Optional<Person> person(String id) {
    return Optional.ofNullable(id == null ? null : catalog().people().get(id));
  }

  public String displayName(String id) {
    return person(id).map(Person::name).orElse(id);
  }

  /** Who a page goes to, for people: the person's name, or the group's id. */
  public String displayName(PageTarget target) {
    return target.user() != null ? displayName(target.user()) : target.target();
  }
}
