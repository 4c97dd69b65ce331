package io.firebreak.incident;

import io.firebreak.platform.Var;

/**
 * Process variables that every incident process shares (the {@code incident} process owns them
 * and hands them to the phases it calls). Process-specific variables live in each {@code …Process}
 * class.
 */
public final class IncidentVariables {

  // What was declared
  public static final Var<String> INCIDENT_KEY = Var.string("incidentKey");
  public static final Var<String> TITLE = Var.string("title");
  public static final Var<String> DESCRIPTION = Var.string("description");
  public static final Var<String> SERVICE = Var.string("service");
  public static final Var<String> INCIDENT_TYPE = Var.string("incidentType");
  public static final Var<String> PROPOSED_SEVERITY = Var.string("proposedSeverity");
  public static final Var<Boolean> CUSTOMER_IMPACT = Var.bool("customerImpact");
  public static final Var<String> REPORTER = Var.string("reporter");
  public static final Var<String> SOURCE = Var.string("source");
  /** Severity label of the alert that declared the incident ({@code critical}, {@code warning}, …), if any. */
  public static final Var<String> ALERT_SEVERITY = Var.string("alertSeverity");

  // Classification and plan (DMN incident-severity and response-plan)
  public static final Var<String> SEVERITY = Var.string("severity");
  public static final Var<Boolean> FULL_RESPONSE = Var.bool("fullResponse");
  public static final Var<Integer> UPDATE_INTERVAL_MINUTES = Var.integer("updateIntervalMinutes");
  public static final Var<Integer> ACK_TIMEOUT_MINUTES = Var.integer("ackTimeoutMinutes");
  public static final Var<Integer> ESCALATION_TIMEOUT_MINUTES = Var.integer("escalationTimeoutMinutes");
  public static final Var<Boolean> POSTMORTEM_REQUIRED = Var.bool("postmortemRequired");
  public static final Var<Boolean> STATUS_PAGE_REQUIRED = Var.bool("statusPageRequired");
  /** The incident may appear on the public status page at all (security incidents: not by default). */
  public static final Var<Boolean> PUBLIC_STATUS_PAGE = Var.bool("publicStatusPage");
  /** The first customer statement is due this many minutes after the task appears. */
  public static final Var<Integer> FIRST_STATEMENT_DUE_MINUTES = Var.integer("firstStatementDueMinutes");
  public static final Var<Boolean> PRIVATE_CHANNEL = Var.bool("privateChannel");
  /** Broad messages (broadcast channel, distribution email) leave the details out. */
  public static final Var<Boolean> CONFIDENTIAL = Var.bool("confidential");
  /** The broadcast channel hears of the incident (announcement, changes, resolution). */
  public static final Var<Boolean> BROADCAST = Var.bool("broadcast");
  public static final Var<Integer> REGULATOR_DEADLINE_HOURS = Var.integer("regulatorDeadlineHours");
  public static final Var<String> ESCALATION_CHAIN = Var.string("escalationChain");

  // People
  public static final Var<String> INCIDENT_COMMANDER = Var.string("incidentCommander");
  public static final Var<String> COMMS_LEAD = Var.string("commsLead");
  public static final Var<String> SCRIBE = Var.string("scribe");
  public static final Var<String> CUSTOMER_LIAISON = Var.string("customerLiaison");

  // Where the team coordinates
  public static final Var<String> CHANNEL_NAME = Var.string("channelName");

  // Severity changes (message SeverityChanged)
  public static final Var<String> NEW_SEVERITY = Var.string("newSeverity");
  public static final Var<String> SEVERITY_CHANGE_REASON = Var.string("severityChangeReason");
  public static final Var<String> CHANGED_BY = Var.string("changedBy");

  // Resolution
  public static final Var<String> RESOLUTION_SUMMARY = Var.string("resolutionSummary");

  private IncidentVariables() {}
}
