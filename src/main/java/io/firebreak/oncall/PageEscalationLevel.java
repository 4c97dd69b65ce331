package io.firebreak.oncall;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.comms.Deliveries;
import io.firebreak.comms.MessageModel;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.Incidents;
import io.firebreak.incident.TimelineKind;
import io.firebreak.oncall.Catalog.Person;
import io.firebreak.oncall.Catalog.Service;
import io.firebreak.oncall.EscalationPlan.Step;
import io.firebreak.oncall.OnCallService.PageTarget;
import io.firebreak.platform.FirebreakProperties;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Pages the next step of the incident's {@code escalationPlan}: finds who holds the step's
 * schedule layer now (engine clock), renders the page (templates {@code page.subject} and
 * {@code page.text}: the incident, the service's runbook and experts, the acknowledge link) and
 * sends it through {@link PagingPort}; the timeline line is {@code timeline-paged}.
 * Outputs for the acknowledge task and the gateway: {@code pagedTarget}, {@code pagedUser},
 * {@code pagedGroup}, {@code ackDelayMinutes}, {@code escalationStep}, {@code escalationLevel},
 * {@code escalationRound}, {@code moreEscalationLevels}, {@code nextEscalationStep}.
 *
 * <p>Used by {@code Task_PageEscalationLevel} in {@code incident-escalation.bpmn} (its own async
 * step: paging is an outside call).
 */
@Component("pageEscalationLevel")
class PageEscalationLevel implements JavaDelegate {

  private final OnCallService onCall;
  private final PagingPort paging;
  private final MessageTemplates templates;
  private final MessageModel model;
  private final IncidentTimeline timeline;
  private final FirebreakProperties properties;
  private final Deliveries deliveries;

  PageEscalationLevel(OnCallService onCall, PagingPort paging, MessageTemplates templates, MessageModel model,
      IncidentTimeline timeline, FirebreakProperties properties, Deliveries deliveries) {
    this.deliveries = deliveries;
    this.onCall = onCall;
    this.paging = paging;
    this.templates = templates;
    this.model = model;
    this.timeline = timeline;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    EscalationPlan plan = EscalationPlan.fromJson(EscalationProcess.ESCALATION_PLAN.require(execution));
    int index = EscalationProcess.NEXT_ESCALATION_STEP.getOr(execution, 0);
    if (index < 0 || index >= plan.steps().size()) {
      throw new IllegalStateException("escalation step " + index + " is outside the plan of " + plan.steps().size() + " steps");
    }
    Step step = plan.steps().get(index);
    PageTarget target = onCall.resolve(plan, step, OnCallService.now());
    int rounds = plan.steps().get(plan.steps().size() - 1).round();

    EscalationProcess.ESCALATION_STEP.set(execution, index);
    EscalationProcess.NEXT_ESCALATION_STEP.set(execution, index + 1);
    EscalationProcess.MORE_LEVELS.set(execution, index + 1 < plan.steps().size());
    EscalationProcess.ESCALATION_LEVEL.set(execution, step.level());
    EscalationProcess.ESCALATION_ROUND.set(execution, step.round());
    EscalationProcess.PAGED_TARGET.set(execution, target.target());
    EscalationProcess.PAGED_USER.set(execution, target.user());
    EscalationProcess.PAGED_GROUP.set(execution, target.group());
    EscalationProcess.ACK_DELAY_MINUTES.set(execution, step.delayMinutes());

    Map<String, Object> data = model.of(execution);
    data.put("pagedTarget", target.target());
    data.put("pagedName", onCall.displayName(target));
    data.put("pagedVia", target.via());
    data.put("escalationLevel", step.level());
    data.put("escalationRound", step.round());
    data.put("rounds", rounds);
    data.put("repeated", step.round() > 1);
    data.put("ackDelayMinutes", step.delayMinutes());
    data.put("acknowledgeUrl", properties.baseUrl() + "/oncall/acknowledge/" + key);
    Service service = plan.service() == null ? null : onCall.catalog().service(plan.service()).orElse(null);
    data.put("inCatalog", service != null);
    // Without a service (none given, or not in the catalog) the template says so in its own words.
    Object declaredService = data.get("service");
    data.put("serviceName", service != null ? service.name()
        : declaredService == null || declaredService.toString().isBlank() ? null : declaredService.toString());
    data.put("runbook", service != null ? service.runbook() : "");
    data.put("team", service != null ? service.team() : "");
    data.put("slackChannel", service != null ? service.slackChannel() : null);
    List<Map<String, String>> experts = service == null ? List.of() : service.experts().stream().map(this::expert).toList();
    data.put("experts", experts);
    data.put("hasExperts", !experts.isEmpty());
    data.put("thirdParties", service == null ? List.of() : service.thirdParties());
    data.put("hasThirdParties", service != null && !service.thirdParties().isEmpty());
    String subject = templates.render("page", Format.SUBJECT, data);
    String text = templates.render("page", Format.TEXT, data);
    // One marker for the page and one per person inside it (the adapter's parts): a retry after a
    // partial failure pages only those not reached yet, and a page already sent is not sent again.
    deliveries.once(key, deliveries.stepKey(execution), "page:" + target.target(), () -> {
      paging.page(key, target.target(), subject, text);
      return null;
    });
    timeline.add(key, TimelineKind.PAGED, "firebreak", "paged", facts("pagedTarget", target.target(), "pagedVia", target.via(),
        "escalationLevel", step.level(), "escalationRound", step.round(), "rounds", rounds, "repeatedPolicy", rounds > 1,
        "step", index + 1, "steps", plan.steps().size()));
  }

  private Map<String, String> expert(String id) {
    Person p = onCall.person(id).orElse(new Person(id, id, null, List.of()));
    return Map.of("id", id, "name", p.name(), "email", p.email() == null ? "" : p.email());
  }
}
