package io.firebreak.oncall;

import static io.firebreak.incident.IncidentVariables.ESCALATION_CHAIN;

import io.firebreak.comms.Deliveries;
import io.firebreak.comms.MessageModel;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.FirebreakProperties;
import io.firebreak.platform.Var;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Pages one level of the incident's escalation chain (DMN {@code response-plan} output
 * {@code escalationChain}, e.g. {@code on-call,incident-commanders,leadership}). Input
 * (element template "Page on-call"): {@code level}, 0 for the first. Outputs
 * {@code escalationLevel}, {@code pagedTarget} and {@code moreEscalationLevels} for the model's
 * gateways and the acknowledge task.
 *
 * <p>Used by {@code Task_PageOnCall} (incident-declaration) and {@code Task_PageNextLevel}
 * (incident-escalation).
 */
@Component("pageOnCall")
class PageOnCall implements JavaDelegate {

  static final Var<Integer> LEVEL = Var.integer("level");
  static final String ON_CALL = "on-call";

  private final PagingPort paging;
  private final MessageTemplates templates;
  private final MessageModel model;
  private final IncidentRepository incidents;
  private final FirebreakProperties properties;
  private final Deliveries deliveries;

  PageOnCall(PagingPort paging, MessageTemplates templates, MessageModel model, IncidentRepository incidents,
      FirebreakProperties properties, Deliveries deliveries) {
    this.deliveries = deliveries;
    this.paging = paging;
    this.templates = templates;
    this.model = model;
    this.incidents = incidents;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    List<String> chain = chain(ESCALATION_CHAIN.getOr(execution, ON_CALL));
    int level = LEVEL.getOr(execution, 0);
    if (level < 0 || level >= chain.size()) {
      throw new IllegalArgumentException("escalation level " + level + " is outside the chain " + chain);
    }
    String target = resolve(chain.get(level));
    EscalationProcess.ESCALATION_LEVEL.set(execution, level);
    EscalationProcess.PAGED_TARGET.set(execution, target);
    EscalationProcess.MORE_LEVELS.set(execution, level + 1 < chain.size());
    Map<String, Object> data = model.of(execution);
    data.put("pagedTarget", target);
    data.put("escalationLevel", level + 1);
    String text = templates.render("page", Format.TEXT, data);
    // One marker for the page and one per person inside it (the adapter's parts): a retry after a
    // partial failure pages only those not reached yet.
    deliveries.once(key, deliveries.stepKey(execution), "page:" + target, () -> {
      paging.page(key, target, text);
      return null;
    });
    incidents.addTimeline(key, "PAGED", "firebreak", "Paged " + target + " (level " + (level + 1) + " of " + chain.size() + ")");
  }

  static List<String> chain(String csv) {
    List<String> levels = Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("escalationChain is empty");
    }
    return levels;
  }

  private String resolve(String level) {
    return ON_CALL.equals(level) ? properties.paging().onCallGroup() : level;
  }
}
