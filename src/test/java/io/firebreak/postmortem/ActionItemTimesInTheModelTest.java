package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The action items' horizon, due time and reminder time are inputs of {@code incident-postmortem.bpmn}
 * ({@code Task_PlanActionItems}, {@code Task_StartActionItems}): a process owner deploys a changed
 * model and the next postmortem's items follow it.
 */
class ActionItemTimesInTheModelTest extends ApprovedPostmortems {

  /** Runs a postmortem to approval with these items; returns the incident key. */
  private String planned(String items) {
    return approvedWith(items).getBusinessKey();
  }

  private Task ownersTask(String key) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).taskAssignee("alice").singleResult();
  }

  @Test
  void theShippedModelRemindsAt9TheWorkingDayBeforeAndFallsDueAt17() {
    String key = planned("Add retries | alice | 2026-03-09 | prevent");
    Task task = ownersTask(key);
    assertThat(task.getDueDate()).isEqualTo(date(LocalDateTime.of(2026, 3, 9, 17, 0)));
    assertThat(task.getFollowUpDate()).isEqualTo(date(LocalDateTime.of(2026, 3, 6, 9, 0)));
  }

  @Test
  void aRedeployedModelChangesTheHorizonTheDueTimeAndTheReminder() throws IOException {
    String shipped = Files.readString(Path.of("processes/incident-postmortem.bpmn"));
    String changed = shipped
        .replace("<camunda:inputParameter name=\"horizonWorkingDays\">${5}</camunda:inputParameter>",
            "<camunda:inputParameter name=\"horizonWorkingDays\">${3}</camunda:inputParameter>")
        .replace("<camunda:inputParameter name=\"reminderWorkingDaysBefore\">${1}</camunda:inputParameter>",
            "<camunda:inputParameter name=\"reminderWorkingDaysBefore\">${2}</camunda:inputParameter>")
        .replace("<camunda:inputParameter name=\"reminderTime\">09:00</camunda:inputParameter>",
            "<camunda:inputParameter name=\"reminderTime\">14:30</camunda:inputParameter>")
        .replace("<camunda:inputParameter name=\"dueTime\">17:00</camunda:inputParameter>",
            "<camunda:inputParameter name=\"dueTime\">12:00</camunda:inputParameter>");
    assertThat(changed).contains("${3}", "${2}", "14:30", "12:00");
    Deployment deployment = engine.getRepositoryService().createDeployment()
        .addString("incident-postmortem.bpmn", changed).name("incident-postmortem").deploy();
    try {
      // Wednesday + 3 working days = Monday 03-09: the Monday item is a task, the Tuesday one waits.
      String key = planned("""
          Add retries | alice | 2026-03-09 | prevent
          Alert on errors | alice | 2026-03-10 | detect
          """);
      assertThat(actionItems.ofIncident(key)).extracting(ActionItemRepository.Row::title, ActionItemRepository.Row::horizon)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("Add retries", ActionItemRepository.NOW),
              org.assertj.core.groups.Tuple.tuple("Alert on errors", ActionItemRepository.PLANNING));
      Task task = ownersTask(key);
      assertThat(task.getName()).isNotBlank();
      assertThat(task.getDueDate()).isEqualTo(date(LocalDateTime.of(2026, 3, 9, 12, 0)));
      // Two working days before Monday: Thursday 14:30.
      assertThat(task.getFollowUpDate()).isEqualTo(date(LocalDateTime.of(2026, 3, 5, 14, 30)));
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }
}
