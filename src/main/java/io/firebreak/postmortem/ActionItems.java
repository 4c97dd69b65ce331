package io.firebreak.postmortem;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Reads action items as the postmortem form takes them, one per line:
 * {@code title | owner | YYYY-MM-DD} or {@code title | owner | YYYY-MM-DD | kind}. The write
 * task's complete listener {@code ${actionItemValidator.validate(task)}} refuses a malformed list
 * or an owner who is not a Firebreak (Camunda) user, so the author fixes it while still in the
 * form. The bean is not called {@code actionItems}: the engine resolves process variables before
 * beans, so the form's {@code actionItems} variable would hide it.
 *
 * <p>Used by {@code Task_WritePostmortem} in {@code incident-postmortem.bpmn} and by
 * {@link PlanActionItems}.
 */
@Component("actionItemValidator")
public class ActionItems {

  public void validate(DelegateTask task) {
    List<ActionItem> items = parse(PostmortemProcess.ACTION_ITEMS.get(task));
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    Set<String> unknown = new LinkedHashSet<>();
    for (ActionItem item : items) {
      if (identity.createUserQuery().userId(item.owner()).count() == 0) {
        unknown.add(item.owner());
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Action item owner(s) " + String.join(", ", unknown)
          + " are not Firebreak users; use a user id as in Tasklist");
    }
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
      if (parts.length < 3 || parts.length > 4 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException("Action item on line " + (i + 1)
            + " must read 'title | owner | YYYY-MM-DD' or 'title | owner | YYYY-MM-DD | kind', not '" + line + "'");
      }
      LocalDate due;
      try {
        due = LocalDate.parse(parts[2].strip());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("Action item on line " + (i + 1) + ": due date '" + parts[2].strip()
            + "' is not a date like 2026-12-01", e);
      }
      String kind = parts.length == 4 && !parts[3].isBlank() ? parts[3].strip().toLowerCase(Locale.ROOT)
          : ActionItem.DEFAULT_KIND;
      if (!ActionItem.KINDS.contains(kind)) {
        throw new IllegalArgumentException("Action item on line " + (i + 1) + ": kind '" + parts[3].strip()
            + "' is not one of " + String.join(", ", ActionItem.KINDS));
      }
      if (parts[0].strip().length() > 300 || parts[1].strip().length() > 100) {
        throw new IllegalArgumentException("Action item on line " + (i + 1) + " is too long (title 300, owner 100 characters)");
      }
      items.add(new ActionItem(parts[0].strip(), parts[1].strip(), due, kind));
    }
    return items;
  }

  /** The last day that still counts as "within the next {@code workingDays} working days". */
  static LocalDate horizonEnd(LocalDate today, int workingDays) {
    return addWorkingDays(today, workingDays);
  }

  /** {@code day} moved by {@code n} working days (Monday to Friday); negative {@code n} goes back. */
  static LocalDate addWorkingDays(LocalDate day, int n) {
    int step = n < 0 ? -1 : 1;
    int counted = 0;
    while (counted < Math.abs(n)) {
      day = day.plusDays(step);
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        counted++;
      }
    }
    return day;
  }
}
