package io.firebreak.metrics;

import io.firebreak.comms.Deliveries;
import io.firebreak.comms.IncidentMails;
import io.firebreak.comms.MailRecipients;
import io.firebreak.platform.FirebreakProperties;
import io.firebreak.platform.Var;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Emails the review report, rendered from {@code <template>.subject/.text/.html.mustache} with the
 * process variables, to the members of a Camunda group. Inputs (element template "Email review
 * report"): {@code template} (default {@code incident-review}) and {@code recipients} = a group id
 * (default {@code leadership}). Sent at most once per step ({@link Deliveries}).
 *
 * <p>Used by {@code Task_EmailReviewReport} in {@code incident-review.bpmn}.
 */
@Component("emailReviewReport")
class EmailReviewReport implements JavaDelegate {

  static final Var<String> TEMPLATE = Var.string("template");
  static final Var<String> RECIPIENTS = Var.string("recipients");
  private static final Logger log = LoggerFactory.getLogger(EmailReviewReport.class);

  private final IncidentMails mails;
  private final FirebreakProperties properties;

  EmailReviewReport(IncidentMails mails, FirebreakProperties properties) {
    this.mails = mails;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String template = TEMPLATE.getOr(execution, "incident-review");
    String group = RECIPIENTS.getOr(execution, "leadership").strip();
    List<String> to = MailRecipients.group(execution.getProcessEngineServices().getIdentityService(), group);
    Map<String, Object> data = new HashMap<>(execution.getVariables());
    data.put("tasklistUrl", properties.baseUrl() + "/camunda/app/tasklist/");
    mails.send(execution, execution.getProcessBusinessKey(), template, to, data,
        () -> log.warn("{}: no member of group {} has an email address; review report not emailed",
            execution.getProcessBusinessKey(), group));
  }
}
