package io.firebreak.oncall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.oncall.Catalog.LevelKind;
import java.util.List;

/**
 * The escalation of one incident, fixed when escalation starts (process variable
 * {@code escalationPlan}, JSON): the steps in order — every level of the chosen policy, once per
 * round — with the minutes each waits for an acknowledgement. Who a schedule layer pages is
 * decided when the step is paged, so a hand-off during an incident is honoured.
 *
 * @param service the catalog service, or null when the service is not in the catalog
 * @param policy the policy id, or {@code response-plan} for the fallback chain of the DMN
 */
public record EscalationPlan(String service, String policy, List<Step> steps) {

  /** Policy name of the fallback plan built from the response plan's {@code escalationChain}. */
  public static final String FALLBACK_POLICY = "response-plan";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param level 1-based level within the policy
   * @param round 1-based round (a policy with repeat 1 has two rounds)
   * @param target layer name, user id or group id
   * @param schedule for a layer: the schedule it belongs to
   * @param delayMinutes minutes to wait for an acknowledgement before the next step
   */
  public record Step(int level, int round, LevelKind kind, String target, String schedule, int delayMinutes) {}

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static EscalationPlan fromJson(String json) {
    try {
      return JSON.readValue(json, EscalationPlan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("escalationPlan is not a valid plan: " + json, e);
    }
  }
}
