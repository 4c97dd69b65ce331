package io.firebreak.maintenance;

import io.firebreak.platform.Var;

/** Names shared by processes/maintenance.bpmn, forms/schedule-maintenance.form and the delegates. */
public final class MaintenanceProcess {

  public static final String KEY = "maintenance";
  public static final String MESSAGE_CANCELLED = "MaintenanceCancelled";
  /** Business keys of maintenances: never an incident key (those are INC-n). */
  public static final String KEY_PREFIX = "MNT-";

  /** Form fields (schedule-maintenance). */
  public static final Var<String> TITLE = Var.string("maintenanceTitle");
  public static final String COMPONENTS = "maintenanceComponents";
  public static final Var<String> WINDOW_START = Var.string("windowStart");
  public static final Var<String> WINDOW_END = Var.string("windowEnd");
  public static final Var<String> CUSTOMER_TEXT = Var.string("customerText");
  public static final Var<String> OWNER = Var.string("maintenanceOwner");
  /** camunda:initiator of the start event: the owner when the form leaves it empty. */
  public static final Var<String> STARTER = Var.string("maintenanceStarter");
  /** Set by the cancel endpoint: why, in words customers may read (optional). */
  public static final Var<String> CANCEL_REASON = Var.string("cancelReason");

  /** Set by Task_ScheduleMaintenance from the form and the model's inputs. */
  public static final Var<String> COMPONENT_NAMES = Var.string("componentNames");
  public static final String WINDOW_START_AT = "windowStartAt";
  public static final String WINDOW_END_AT = "windowEndAt";
  public static final String ANNOUNCE_AT = "announceAt";
  public static final String OVERRUN_AT = "overrunAt";
  public static final Var<String> WINDOW_START_SHOWN = Var.string("windowStartShown");
  public static final Var<String> WINDOW_END_SHOWN = Var.string("windowEndShown");

  /** Inputs of Task_ScheduleMaintenance, the process owner's: ISO-8601 durations. */
  public static final Var<String> ANNOUNCE_LEAD_TIME = Var.string("announceLeadTime");
  public static final Var<String> OVERRUN_GRACE = Var.string("overrunGrace");

  /** Element ids the tests and docs name. */
  public static final class Elements {
    public static final String SCHEDULE = "Task_ScheduleMaintenance";
    public static final String ANNOUNCEMENT_DUE = "Timer_AnnouncementDue";
    public static final String WINDOW_STARTS = "Timer_WindowStarts";
    public static final String WINDOW_ENDS = "Timer_WindowEnds";
    public static final String CONFIRM = "Task_ConfirmMaintenanceComplete";
    public static final String OVERRUN = "Timer_WindowOverrun";

    private Elements() {}
  }

  private MaintenanceProcess() {}
}
