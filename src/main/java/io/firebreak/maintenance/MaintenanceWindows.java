package io.firebreak.maintenance;

import io.firebreak.platform.Var;
import io.firebreak.statuspage.ScheduledMaintenances;
import io.firebreak.statuspage.StatusPageComponents;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The response plan's {@code inMaintenance} input: whether the incident's service is in a planned
 * maintenance window now (one of its status-page components is under a maintenance that has started
 * and is not completed or cancelled). Called from the input mapping of {@code Task_DetermineResponsePlan}
 * in {@code incident-declaration.bpmn}: {@code ${maintenanceWindows.inMaintenance(execution)}}.
 */
@Component("maintenanceWindows")
public class MaintenanceWindows {

  static final Var<String> SERVICE = Var.string("service");

  private final StatusPageComponents components;
  private final ScheduledMaintenances maintenances;

  MaintenanceWindows(StatusPageComponents components, ScheduledMaintenances maintenances) {
    this.components = components;
    this.maintenances = maintenances;
  }

  public boolean inMaintenance(DelegateExecution execution) {
    String service = SERVICE.get(execution);
    if (service == null || service.isBlank()) {
      return false;
    }
    return components.of(service.strip())
        .map(c -> maintenances.underMaintenance(List.of(c), ClockUtil.getCurrentTime().toInstant()))
        .orElse(false);
  }
}
