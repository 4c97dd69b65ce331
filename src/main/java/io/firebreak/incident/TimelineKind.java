package io.firebreak.incident;

import io.firebreak.incident.Incident.Phase;

/**
 * What a timeline line records, stored as its name in {@code fb_timeline.kind}. Reports and pages
 * find a moment by its kind, never by the line's wording, which is the process owner's
 * ({@code timeline-<wording>.text.mustache}).
 *
 * <p>A model may still write a kind of its own ({@code ${incidentTimeline.note(execution, 'KIND', …)}}),
 * so a stored kind is read as text ({@link TimelineEntry#kind()}); the shipped models write only
 * these ({@code TimelineKindTest}).
 */
public enum TimelineKind {
  /** The incident was declared (API, Tasklist, alert, Slack). */
  DECLARED,
  /** DMN classified it: severity and response plan. */
  CLASSIFIED,
  /** The IC confirmed severity, type, impact and roles. */
  TRIAGED,
  SEVERITY_CHANGED,
  /** The incident commander role was handed over. */
  IC_CHANGED,

  /** The incident entered a phase ({@code incidentPhases}): one kind per {@link Phase}. */
  PHASE_DECLARED,
  PHASE_TRIAGED,
  PHASE_INVESTIGATING,
  PHASE_CAUSE_IDENTIFIED,
  PHASE_MITIGATED,
  PHASE_RESOLVED,
  PHASE_POSTMORTEM,
  PHASE_CLOSED,
  /**
   * A phase line written before each phase had its own kind: text {@code "Phase: <label>…"}. Never
   * written any more; older databases still hold such rows, so {@link ResponseTimes} reads them.
   */
  PHASE,

  ESCALATION_PLANNED,
  PAGED,
  /** An acknowledgement arrived (Slack, PagerDuty, API) and was passed to the escalation. */
  ACKNOWLEDGE_RECEIVED,
  /** The escalation recorded the acknowledgement: the moment time to acknowledge ends. */
  ACKNOWLEDGED,
  /** Nobody acknowledged at any level ({@code incident-escalation.bpmn}). */
  ESCALATION_EXHAUSTED,

  STATUS_UPDATE,
  CUSTOMER_STATEMENT,
  STATUS_PAGE,
  /** Someone asked to resolve (Slack, API); the resolution itself is {@link #PHASE_RESOLVED}. */
  RESOLVE_REQUESTED,

  ALERT,
  ALERT_RESOLVED,
  ALERT_ACKNOWLEDGED,
  SLACK_COMMAND,
  /** An outbound step linked something to the incident (ticket, bridge). */
  LINKED,

  ACTION_ITEMS,
  ACTION_ITEM_DONE,
  ACTION_ITEM_OVERDUE,

  /** A delivery was not made: its channel is not configured. */
  NOT_CONFIGURED,
  /** A delivery was not made: nobody or nothing to deliver to. */
  SKIPPED;

  /** The kind of entering {@code phase}: {@code PHASE_MITIGATED}. */
  public static TimelineKind of(Phase phase) {
    return valueOf("PHASE_" + phase.name());
  }

  /** Whether a line of this kind only notes a delivery that was not made; pages and documents fold these away. */
  public boolean isDeliveryNote() {
    return this == NOT_CONFIGURED || this == SKIPPED;
  }
}
