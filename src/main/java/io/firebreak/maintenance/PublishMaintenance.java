package io.firebreak.maintenance;

import static io.firebreak.maintenance.MaintenanceProcess.*;

import io.firebreak.comms.MessageTemplates;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.Incidents;
import io.firebreak.platform.Var;
import io.firebreak.statuspage.ScheduledMaintenances;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Shows the maintenance on the public status page with a Statuspage status. Inputs:
 * {@code maintenanceStatus} = scheduled | in_progress | verifying | completed | cancelled (shown as
 * completed), and {@code template}: the public update's text (TEXT format, e.g.
 * {@code maintenance-page-scheduled}, which is the customer text of the form). Only the title,
 * components, window and that text reach the page. Repeating a status (a retried job) changes nothing.
 *
 * <p>Used by the {@code Task_Publish…} steps of {@code maintenance.bpmn}.
 */
@Component("publishMaintenance")
class PublishMaintenance implements JavaDelegate {

  static final Var<String> STATUS = Var.string("maintenanceStatus");
  static final Var<String> TEMPLATE = Var.string("template");

  private final ScheduledMaintenances maintenances;
  private final MessageTemplates templates;

  PublishMaintenance(ScheduledMaintenances maintenances, MessageTemplates templates) {
    this.maintenances = maintenances;
    this.templates = templates;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    String status = STATUS.require(execution).strip();
    String body = templates.render(TEMPLATE.require(execution), Format.TEXT, execution.getVariables()).strip();
    var now = ClockUtil.getCurrentTime().toInstant();
    if (status.equals("scheduled")) {
      List<String> components = Arrays.stream(COMPONENT_NAMES.require(execution).split(",")).map(String::strip)
          .filter(s -> !s.isEmpty()).toList();
      maintenances.schedule(key, TITLE.require(execution), components,
          ((Date) execution.getVariable(WINDOW_START_AT)).toInstant(),
          ((Date) execution.getVariable(WINDOW_END_AT)).toInstant(), body, now);
    } else {
      maintenances.advance(key, status, body, now);
    }
  }
}
