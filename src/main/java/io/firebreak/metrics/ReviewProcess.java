package io.firebreak.metrics;

import io.firebreak.platform.Var;

/**
 * The regular incident review: {@code processes/incident-review.bpmn}, started by its timer (cycle
 * in the model, weekly on Monday 09:00 by default). Business key {@code REVIEW-<last day>}.
 */
public final class ReviewProcess {

  public static final String KEY = "incident-review";

  /** Input of {@code Task_CompileReviewReport}: how many days back from now the review covers. */
  public static final Var<Integer> PERIOD_DAYS = Var.integer("periodDays");
  /** First and last moment of the period, ISO-8601 UTC. */
  public static final Var<String> PERIOD_START = Var.string("reviewPeriodStart");
  public static final Var<String> PERIOD_END = Var.string("reviewPeriodEnd");
  /** The report as Markdown (emailed to leadership, shown in the review task). */
  public static final Var<String> REPORT = Var.string("reviewReport");
  public static final Var<Integer> INCIDENT_COUNT = Var.integer("reviewIncidentCount");
  /** What leadership concluded (form review-incidents). */
  public static final Var<String> NOTES = Var.string("reviewNotes");

  public static final class Elements {
    public static final String REVIEW_DUE = "StartEvent_ReviewDue";
    public static final String COMPILE_REPORT = "Task_CompileReviewReport";
    public static final String EMAIL_REPORT = "Task_EmailReviewReport";
    public static final String REVIEW_INCIDENTS = "Task_ReviewIncidents";
    public static final String REVIEWED = "EndEvent_IncidentsReviewed";

    private Elements() {}
  }

  private ReviewProcess() {}
}
