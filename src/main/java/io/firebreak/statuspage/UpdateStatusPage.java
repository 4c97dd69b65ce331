package io.firebreak.statuspage;

import io.firebreak.comms.Deliveries;
import io.firebreak.comms.MessageModel;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.Var;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Publishes one approved update to the status page. Inputs (element template "Update status
 * page"): {@code statusPageStatus} (investigating | identified | monitoring | resolved |
 * postmortem; empty = the status the person chose in the form, {@code customerStatus}) and
 * {@code template} (default {@code status-page}). From the forms it reads {@code publicTitle},
 * {@code affectedComponents} (comma-separated; empty = the incident service's catalog component)
 * and {@code componentStatus}. Nothing else of the incident reaches the page.
 *
 * <p>Used by {@code Task_UpdateStatusPage} in {@code incident-communication.bpmn}.
 */
@Component("updateStatusPage")
class UpdateStatusPage implements JavaDelegate {

  static final Var<String> STATUS = Var.string("statusPageStatus");
  static final Var<String> TEMPLATE = Var.string("template");
  /** Form fields (publish-customer-statement, post-status-update). */
  static final Var<String> CUSTOMER_STATUS = Var.string("customerStatus");
  static final Var<String> PUBLIC_TITLE = Var.string("publicTitle");
  static final Var<String> AFFECTED_COMPONENTS = Var.string("affectedComponents");
  static final Var<String> COMPONENT_STATUS = Var.string("componentStatus");
  static final Var<String> SERVICE = Var.string("service");

  private final StatusPagePort statusPage;
  private final MessageTemplates templates;
  private final MessageModel model;
  private final Deliveries deliveries;
  private final StatusPageComponents components;

  UpdateStatusPage(StatusPagePort statusPage, MessageTemplates templates, MessageModel model, Deliveries deliveries,
      StatusPageComponents components) {
    this.deliveries = deliveries;
    this.statusPage = statusPage;
    this.templates = templates;
    this.model = model;
    this.components = components;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> data = model.of(execution);
    String key = Incidents.keyOf(execution);
    String status = PublicStatus.incidentStatus(STATUS.get(execution));
    if (status == null) {
      status = PublicStatus.incidentStatus(CUSTOMER_STATUS.get(execution));
    }
    if (status == null) {
      status = "investigating";
    }
    String text = templates.render(TEMPLATE.getOr(execution, "status-page"), Format.TEXT, data).strip();
    StatusPageUpdate update = new StatusPageUpdate(key, status, text, PUBLIC_TITLE.get(execution),
        affected(execution), PublicStatus.componentStatus(COMPONENT_STATUS.get(execution)));
    // A retried step does not publish the same update twice.
    String published = status;
    deliveries.once(key, deliveries.stepKey(execution), "status-page:" + status, () -> {
      statusPage.publish(update);
      return published;
    });
  }

  /** Only catalog components are public: a typo never invents one. */
  private List<String> affected(DelegateExecution execution) {
    List<String> known = components.all();
    List<String> chosen = new ArrayList<>();
    String given = AFFECTED_COMPONENTS.get(execution);
    if (given != null) {
      Arrays.stream(given.split(",")).map(String::strip)
          .flatMap(name -> known.stream().filter(k -> k.equalsIgnoreCase(name)))
          .distinct().forEach(chosen::add);
    }
    if (chosen.isEmpty()) {
      components.of(SERVICE.get(execution)).ifPresent(chosen::add);
    }
    return chosen;
  }
}
