package io.firebreak.postmortem;

import io.firebreak.ProcessTest;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.incident.TestIncidents;
import io.firebreak.platform.FirebreakGroups;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** Process tests of action items: a SEV2 postmortem written by alice and approved with the given items. */
abstract class ApprovedPostmortems extends ProcessTest {

  /** A Wednesday. */
  static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 4, 10, 0);

  @Autowired ActionItemRepository actionItems;

  /** The engine clock at {@link #NOW}; alice, the owner, is a responder (who may work incident tasks in Tasklist). */
  @BeforeEach
  void atNowWithAlice() {
    ClockUtil.setCurrentTime(date(NOW));
    TestUsers.ensure(engine.getIdentityService(), "alice", "alice@example.com", FirebreakGroups.RESPONDERS);
  }

  static Date date(LocalDateTime time) {
    return Date.from(time.atZone(ZoneId.systemDefault()).toInstant());
  }

  /** Runs a postmortem to approval with these items (one per line) and the jobs that follow; returns its instance. */
  protected ProcessInstance approvedWith(String items) {
    String key = TestIncidents.register(incidents, "Checkout fails", "outage", true);
    TestIncidents.classify(incidents, key, "SEV2");
    VariableMap vars = Variables.createVariables();
    IncidentVariables.INCIDENT_KEY.put(vars, key);
    IncidentVariables.TITLE.put(vars, "Checkout fails");
    IncidentVariables.SEVERITY.put(vars, "SEV2");
    IncidentVariables.INCIDENT_COMMANDER.put(vars, "ian.ic");
    ProcessInstance pm = engine.getRuntimeService().startProcessInstanceByKey(PostmortemProcess.KEY, key, vars);
    complete(key, PostmortemProcess.Elements.CHOOSE_AUTHOR, Map.of(PostmortemProcess.AUTHOR.name(), "alice"));
    complete(key, PostmortemProcess.Elements.WRITE_POSTMORTEM, Map.of(PostmortemProcess.CAUSE.name(), "c",
        PostmortemProcess.IMPACT.name(), "i", PostmortemProcess.STEPS_TAKEN.name(), "s",
        PostmortemProcess.PREVENTION.name(), "p", PostmortemProcess.ACTION_ITEMS.name(), items));
    complete(key, PostmortemProcess.Elements.REVIEW_POSTMORTEM, Map.of(PostmortemProcess.APPROVED.name(), true));
    runDueJobs(key);
    return pm;
  }
}
