package io.firebreak.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import io.firebreak.ProcessTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The process {@code status-subscribers}: one async step that emails the update and ends. Here no
 * list names anybody (the default), so nobody is emailed; the sending itself is covered against
 * GreenMail by {@link StatusSubscribersEndToEndTest}.
 */
class StatusSubscribersProcessTest extends ProcessTest {

  @Autowired PublicStatusStore store;
  @Autowired StatusSubscribers subscribers;

  @Test
  void anUpdateOnThePageIsEmailedFromItsOwnAsyncStep() {
    assertThat(subscribers.configured()).as("default: no subscribers").isFalse();
    store.apply(new StatusPageUpdate("INC-SUBS-1", "investigating", "Payments fail.", "Payments", List.of("Payments"),
        "partial_outage"), "Incident", Instant.now());
    String updateId = store.latestUpdateId("INC-SUBS-1").orElseThrow();
    assertThat(store.subscriberUpdate(updateId)).hasValueSatisfying(u -> {
      assertThat(u.title()).isEqualTo("Payments");
      assertThat(u.body()).isEqualTo("Payments fail.");
      assertThat(u.components()).containsExactly("Payments");
    });

    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(StatusSubscribers.PROCESS, "INC-SUBS-1",
        Map.of(StatusSubscribers.KIND, StatusSubscribers.INCIDENT, StatusSubscribers.UPDATE_ID, updateId));
    assertThat(pi).isWaitingAt("Task_EmailSubscribers");
    execute(job());
    assertThat(pi).hasPassed("Task_EmailSubscribers").isEnded();
    assertThat(mail.sent).isEmpty();
  }

  @Test
  void anUpdateNoLongerOnThePageEmailsNobody() {
    ProcessInstance pi = engine.getRuntimeService().startProcessInstanceByKey(StatusSubscribers.PROCESS, "MNT-404",
        Map.of(StatusSubscribers.KIND, StatusSubscribers.MAINTENANCE, StatusSubscribers.UPDATE_ID, "nosuchupdate"));
    assertThat(pi).isWaitingAt("Task_EmailSubscribers");
    execute(job());
    assertThat(pi).isEnded();
    assertThat(mail.sent).isEmpty();
  }
}
