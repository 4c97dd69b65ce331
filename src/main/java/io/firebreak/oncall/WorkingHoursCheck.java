package io.firebreak.oncall;

import static io.firebreak.incident.IncidentVariables.SERVICE;

import io.firebreak.oncall.Catalog.Team;
import io.firebreak.oncall.Catalog.WorkingHours;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The response plan's input "inside the owning team's working hours": whether the engine clock is
 * inside the working hours (catalog {@code teams.<id>.workingHours}) of the team owning the
 * incident's service, and when the next working day starts. Sets {@code insideWorkingHours} (true
 * when the service or its team is not in the catalog or the team has no hours: 24/7) and
 * {@code workingHoursStartAt} (ISO-8601 instant; now when inside the hours), used by the timer
 * {@code Timer_WorkingHoursStarted}.
 *
 * <p>Used as a start listener {@code ${workingHours.record(execution)}} on
 * {@code Task_DetermineResponsePlan} in {@code incident-declaration.bpmn} and
 * {@code Task_ReassessPagingTime} in {@code incident-escalation.bpmn}.
 */
@Component("workingHours")
public class WorkingHoursCheck {

  private final CatalogStore catalogs;

  WorkingHoursCheck(CatalogStore catalogs) {
    this.catalogs = catalogs;
  }

  public void record(DelegateExecution execution) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Optional<WorkingHours> hours = hoursOf(SERVICE.get(execution));
    EscalationProcess.INSIDE_WORKING_HOURS.set(execution, hours.map(h -> h.inside(now)).orElse(true));
    EscalationProcess.WORKING_HOURS_START_AT.set(execution, hours.map(h -> h.nextStart(now)).orElse(now).toString());
  }

  Optional<WorkingHours> hoursOf(String service) {
    Catalog catalog = catalogs.catalog();
    return catalog.service(service)
        .map(s -> s.team() == null ? null : catalog.teams().get(s.team()))
        .map(Team::workingHours);
  }
}
