package io.firebreak.metrics;

import io.firebreak.incident.IncidentVariables;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Compiles the review report for the {@code periodDays} (input, default 7) up to now into
 * {@code reviewReport}, with the period, the incident count, a title and the business key
 * {@code REVIEW-<last day>} so Cockpit shows which review an instance is.
 *
 * <p>Used by {@code Task_CompileReviewReport} in {@code incident-review.bpmn}.
 */
@Component("compileIncidentReview")
class CompileIncidentReview implements JavaDelegate {

  /** Camunda keeps string variables up to 4,000 characters. */
  static final int VARIABLE_LIMIT = 3900;

  private final IncidentReview review;

  CompileIncidentReview(IncidentReview review) {
    this.review = review;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int days = ReviewProcess.PERIOD_DAYS.getOr(execution, 7);
    if (days < 1) {
      throw new IllegalArgumentException("periodDays must be at least 1, not " + days);
    }
    Instant to = ClockUtil.getCurrentTime().toInstant();
    Instant from = to.minus(Duration.ofDays(days));
    IncidentReview.Report report = review.compile(from, to);
    String startDay = from.atZone(ZoneOffset.UTC).toLocalDate().toString();
    String endDay = to.atZone(ZoneOffset.UTC).toLocalDate().toString();
    execution.setProcessBusinessKey("REVIEW-" + endDay);
    IncidentVariables.TITLE.set(execution, "Incident review " + startDay + " – " + endDay);
    ReviewProcess.PERIOD_START.set(execution, from.toString());
    ReviewProcess.PERIOD_END.set(execution, to.toString());
    execution.setVariable("reviewPeriodStartDay", startDay);
    execution.setVariable("reviewPeriodEndDay", endDay);
    ReviewProcess.INCIDENT_COUNT.set(execution, report.incidents());
    String markdown = report.markdown();
    ReviewProcess.REPORT.set(execution, markdown.length() <= VARIABLE_LIMIT ? markdown
        : markdown.substring(0, VARIABLE_LIMIT - 40) + "\n\n… (report cut to fit)\n");
  }
}
