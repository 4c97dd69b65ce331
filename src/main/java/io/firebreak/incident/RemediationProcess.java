package io.firebreak.incident;

import io.firebreak.platform.Var;

/** Investigate, mitigate, resolve: {@code processes/incident-remediation.bpmn}. */
public final class RemediationProcess {

  public static final String KEY = "incident-remediation";

  /** Message sent when the alert behind an incident resolves; it suggests, never forces, resolution. */
  public static final String MSG_ALERT_RESOLVED = "AlertResolved";

  public static final Var<String> FINDINGS = Var.string("findings");
  public static final Var<Boolean> THIRD_PARTY_INVOLVED = Var.bool("thirdPartyInvolved");
  public static final Var<String> THIRD_PARTY_NAME = Var.string("thirdPartyName");
  public static final Var<String> THIRD_PARTY_REFERENCE = Var.string("thirdPartyReference");
  public static final Var<String> MITIGATION_SUMMARY = Var.string("mitigationSummary");

  public static final class Elements {
    public static final String INVESTIGATE_INCIDENT = "Task_InvestigateIncident";
    public static final String REFRESH_REMEDIATION_TASKS = "Task_RefreshRemediationTasks";
    public static final String THIRD_PARTY_INVOLVED = "Gateway_ThirdPartyInvolved";
    public static final String CONTACT_THIRD_PARTY = "Task_ContactThirdParty";
    public static final String UPDATE_TOPIC_CAUSE_IDENTIFIED = "Task_UpdateTopicCauseIdentified";
    public static final String MITIGATE_IMPACT = "Task_MitigateImpact";
    public static final String UPDATE_TOPIC_MITIGATED = "Task_UpdateTopicMitigated";
    public static final String RESOLVE_INCIDENT = "Task_ResolveIncident";
    public static final String INCIDENT_RESOLVED = "EndEvent_IncidentResolved";
    public static final String ALERT_RESOLVED = "StartEvent_AlertResolved";
    public static final String SUGGEST_RESOLUTION = "Task_SuggestResolution";
    public static final String RESOLUTION_SUGGESTED = "EndEvent_ResolutionSuggested";

    private Elements() {}
  }

  private RemediationProcess() {}
}
