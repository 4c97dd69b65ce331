package io.firebreak.postmortem;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Reads action items as the postmortem form takes them, one per line:
 * {@code title | owner | YYYY-MM-DD}. The write task's complete listener
 * {@code ${actionItemValidator.validate(task)}} refuses a malformed list, so the author fixes it while
 * still in the form. The bean is not called {@code actionItems}: the engine resolves process
 * variables before beans, so the form's {@code actionItems} variable would hide it.
 *
 * <p>Used by {@code Task_WritePostmortem} in {@code incident-postmortem.bpmn} and by
 * {@link PlanActionItems}.
 */
@Component("actionItemValidator")
public class ActionItems {

  public void validate(DelegateTask task) {
    parse(PostmortemProcess.ACTION_ITEMS.get(task));
  }

  static List<ActionItem> parse(String text) {
    List<ActionItem> items = new ArrayList<>();
    if (text == null) {
      return items;
    }
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\|");
      if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException("Action item on line " + (i + 1)
            + " must read 'title | owner | YYYY-MM-DD', not '" + line + "'");
      }
      LocalDate due;
      try {
        due = LocalDate.parse(parts[2].strip());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("Action item on line " + (i + 1) + ": due date '" + parts[2].strip()
            + "' is not a date like 2026-12-01", e);
      }
      if (parts[0].strip().length() > 300 || parts[1].strip().length() > 100) {
        throw new IllegalArgumentException("Action item on line " + (i + 1) + " is too long (title 300, owner 100 characters)");
      }
      items.add(new ActionItem(parts[0].strip(), parts[1].strip(), due));
    }
    return items;
  }

  /** The last day that still counts as "within the next {@code workingDays} working days". */
  static LocalDate horizonEnd(LocalDate today, int workingDays) {
    LocalDate day = today;
    int counted = 0;
    while (counted < workingDays) {
      day = day.plusDays(1);
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        counted++;
      }
    }
    return day;
  }
}
