package io.firebreak.incident;

import java.util.List;

/**
 * What a person can do to a running incident outside Tasklist (Slack {@code /incident …}, the API),
 * and the user tasks each action stands for. Who may do it is never decided here:
 * {@link IncidentPermissions} reads it from the models (the open task's assignee and candidates, and
 * the {@code firebreak.<name>.candidateGroups} / {@code .candidateUsers} properties of the
 * {@code incident} process).
 */
public enum IncidentAction {
  /** Acknowledge the page: Tasklist's {@code Acknowledge page}. */
  ACK("ack", "acknowledge the page of", IncidentProcess.Escalation.ACKNOWLEDGE_PAGE),
  /** Post a status update: Tasklist's {@code Post status update} when one is due. */
  UPDATE("update", "post a status update for", IncidentProcess.Elements.POST_STATUS_UPDATE),
  /** Change the severity: decided in {@code Triage incident} while triage is open. */
  SEVERITY("severity", "change the severity of", TriageProcess.Elements.TRIAGE_INCIDENT),
  /** Make someone the incident commander: before triage, the triage task is handed to them. */
  IC("ic", "choose the incident commander of", TriageProcess.Elements.TRIAGE_INCIDENT),
  /** Confirm resolution: the task {@link IncidentService#resolve} completes. */
  RESOLVE("resolve", "resolve", RemediationProcess.Elements.RESOLVE_INCIDENT,
      IncidentProcess.Elements.HANDLE_MINOR_INCIDENT);

  private final String property;
  private final String phrase;
  private final List<String> tasks;

  IncidentAction(String property, String phrase, String... tasks) {
    this.property = property;
    this.phrase = phrase;
    this.tasks = List.of(tasks);
  }

  /** The user tasks (definition keys) whose assignee and candidates may take this action. */
  public List<String> tasks() {
    return tasks;
  }

  /** Name of the {@code incident} process property naming who else may: {@code firebreak.<action>.candidateGroups}. */
  public String candidateGroupsProperty() {
    return "firebreak." + property + ".candidateGroups";
  }

  /** Name of the {@code incident} process property naming users who may: {@code firebreak.<action>.candidateUsers}. */
  public String candidateUsersProperty() {
    return "firebreak." + property + ".candidateUsers";
  }

  /** For refusals: "change the severity of". */
  String phrase() {
    return phrase;
  }
}
