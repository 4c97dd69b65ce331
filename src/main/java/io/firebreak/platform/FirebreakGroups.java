package io.firebreak.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Camunda groups the processes assign work to (candidate groups), with their display names. */
public final class FirebreakGroups {

  public static final String SUPPORT = "support";
  public static final String RESPONDERS = "responders";
  public static final String INCIDENT_COMMANDERS = "incident-commanders";
  public static final String COMMUNICATIONS = "communications";
  public static final String LEADERSHIP = "leadership";
  public static final String LEGAL = "legal";
  /** Camunda's administrators group: every permission. */
  public static final String ADMINS = "camunda-admin";

  public static final Map<String, String> ALL;

  static {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(SUPPORT, "Customer support");
    all.put(RESPONDERS, "Responders (on-call)");
    all.put(INCIDENT_COMMANDERS, "Incident commanders");
    all.put(COMMUNICATIONS, "Communications");
    all.put(LEADERSHIP, "Engineering leadership");
    all.put(LEGAL, "Legal");
    ALL = java.util.Collections.unmodifiableMap(all);
  }

  private FirebreakGroups() {}
}
