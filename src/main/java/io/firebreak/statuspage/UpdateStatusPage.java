package io.firebreak.statuspage;

import io.firebreak.comms.Deliveries;
import io.firebreak.comms.MessageModel;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.Var;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Publishes to the status page. Inputs (element template "Update status page"):
 * {@code statusPageStatus} (investigating | identified | monitoring | resolved) and
 * {@code template} (default {@code status-page}).
 *
 * <p>Used by {@code Task_UpdateStatusPage} in {@code incident-communication.bpmn}.
 */
@Component("updateStatusPage")
class UpdateStatusPage implements JavaDelegate {

  static final Var<String> STATUS = Var.string("statusPageStatus");
  static final Var<String> TEMPLATE = Var.string("template");

  private final StatusPagePort statusPage;
  private final MessageTemplates templates;
  private final MessageModel model;
  private final Deliveries deliveries;

  UpdateStatusPage(StatusPagePort statusPage, MessageTemplates templates, MessageModel model, Deliveries deliveries) {
    this.deliveries = deliveries;
    this.statusPage = statusPage;
    this.templates = templates;
    this.model = model;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> data = model.of(execution);
    String key = Incidents.keyOf(execution);
    String status = STATUS.getOr(execution, "investigating");
    String text = templates.render(TEMPLATE.getOr(execution, "status-page"), Format.TEXT, data);
    // A retried step does not publish the same update twice.
    deliveries.once(key, deliveries.stepKey(execution), "status-page:" + status, () -> {
      statusPage.publish(key, status, text);
      return null;
    });
  }
}
