package io.firebreak.oncall;

import io.firebreak.incident.IncidentVariables;
import io.firebreak.platform.FirebreakProperties;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Links for task descriptions in the models ({@code bpmn:documentation} of a user task, shown in
 * Tasklist): the incident page, its channel, the service's runbook (catalog) and the postmortem.
 * {@link #about} names the task's incident. Each link answers a short phrase when there is nothing to link ("no channel", "no runbook").
 */
@Component("taskLinks")
public class TaskLinks {

  private final FirebreakProperties properties;
  private final OnCallService onCall;

  TaskLinks(FirebreakProperties properties, OnCallService onCall) {
    this.properties = properties;
    this.onCall = onCall;
  }

  /**
   * What a task is about, for its name: {@code INC-12 · SEV2 · Checkout errors} (parts not known yet
   * are left out), e.g. {@code name="Triage ${taskLinks.about(execution)}"}.
   */
  public String about(DelegateExecution execution) {
    return java.util.stream.Stream.of(execution.getProcessBusinessKey(), IncidentVariables.SEVERITY.get(execution),
            shortened(IncidentVariables.TITLE.get(execution)))
        .filter(part -> part != null && !part.isBlank())
        .collect(java.util.stream.Collectors.joining(" · "));
  }

  /**
   * The title as a task name shows it: at most {@value #TITLE_IN_NAME} characters, cut whole, so the
   * name stays within the engine's 255 columns (a title may be 200 emoji, 400 UTF-16 units).
   */
  static String shortened(String title) {
    if (title == null || title.codePointCount(0, title.length()) <= TITLE_IN_NAME) {
      return title;
    }
    return title.substring(0, title.offsetByCodePoints(0, TITLE_IN_NAME - 1)).strip() + "…";
  }

  static final int TITLE_IN_NAME = 80;

  public String incidentPage(DelegateExecution execution) {
    return properties.baseUrl() + "/incidents/" + execution.getProcessBusinessKey();
  }

  public String postmortem(DelegateExecution execution) {
    return properties.baseUrl() + "/api/incidents/" + execution.getProcessBusinessKey() + "/postmortem.md";
  }

  public String channel(DelegateExecution execution) {
    String channel = IncidentVariables.CHANNEL_NAME.get(execution);
    return channel == null || channel.isBlank() ? "no channel" : "#" + channel;
  }

  public String runbook(DelegateExecution execution) {
    String service = IncidentVariables.SERVICE.get(execution);
    if (service == null || service.isBlank()) {
      return "no service named";
    }
    return onCall.catalog().service(service).map(Catalog.Service::runbook)
        .filter(r -> r != null && !r.isBlank()).orElse("no runbook for " + service + " in the catalog");
  }
}
