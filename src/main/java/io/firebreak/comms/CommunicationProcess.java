package io.firebreak.comms;

import io.firebreak.incident.IncidentProcess;
import io.firebreak.platform.Var;

/**
 * One update to everyone who needs it: {@code processes/incident-communication.bpmn}. Called by
 * the {@code incident} process for status updates, customer statements, severity changes and the
 * resolution.
 */
public final class CommunicationProcess {

  public static final String KEY = "incident-communication";

  /** Template family of this update ({@code status-update}, {@code severity-changed}, …). */
  public static final Var<String> UPDATE_TEMPLATE = Var.string("updateTemplate");
  /** The update's text as its author wrote it (the incident's, {@link IncidentProcess#UPDATE_TEXT}). */
  public static final Var<String> UPDATE_TEXT = IncidentProcess.UPDATE_TEXT;
  /** What changed since the last update, as its author wrote it. */
  public static final Var<String> WHAT_CHANGED = IncidentProcess.WHAT_CHANGED;
  /** Broadcast this update even below SEV2 (severity and phase changes). */
  public static final Var<Boolean> BROADCAST_UPDATE = Var.bool("broadcastUpdate");

  public static final class Elements {
    public static final String UPDATE_CHANNEL_TOPIC = "Task_UpdateChannelTopic";
    public static final String POST_UPDATE_TO_CHANNEL = "Task_PostUpdateToChannel";
    public static final String BROADCAST_NEEDED = "Gateway_BroadcastNeeded";
    public static final String POST_UPDATE_TO_BROADCAST = "Task_PostUpdateToBroadcast";
    public static final String SEND_FOLLOW_UP_EMAIL = "Task_SendFollowUpEmail";
    public static final String STATUS_PAGE_NEEDED = "Gateway_StatusPageNeeded";
    public static final String UPDATE_STATUS_PAGE = "Task_UpdateStatusPage";
    public static final String UPDATE_PUBLISHED = "EndEvent_UpdatePublished";

    private Elements() {}
  }

  private CommunicationProcess() {}
}
