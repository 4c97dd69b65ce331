package io.firebreak.postmortem;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.firebreak.platform.FormRejection;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * Reads action items as the postmortem form takes them: the repeating group {@code actionItemRows}
 * (a JSON list of {@code {title, owner, due, kind}}, owner chosen from the users, due a date) or, for
 * scripts and older forms, the text {@code actionItems}, one per line:
 * {@code title | owner | YYYY-MM-DD} or {@code title | owner | YYYY-MM-DD | kind}. The write task's
 * complete listener {@code ${actionItemValidator.validate(task)}} refuses a malformed item or an
 * owner who is not a Firebreak (Camunda) user with a {@link FormRejection} naming the item, so the
 * author fixes it while still in the form; rows it accepts are written back as {@code actionItems}
 * lines, which is what the rest of the process reads. The bean is not called {@code actionItems}:
 * the engine resolves process variables before beans, so the form's {@code actionItems} variable
 * would hide it.
 *
 * <p>Used by {@code Task_WritePostmortem} in {@code incident-postmortem.bpmn} and by
 * {@link PlanActionItems}.
 */
@Component("actionItemValidator")
public class ActionItems {

  static final String FIELD = "Action items";
  static final int MAX_TITLE = 300;
  static final int MAX_OWNER = 100;

  public void validate(DelegateTask task) {
    Object rows = task.getVariable(PostmortemProcess.ACTION_ITEM_ROWS);
    List<ActionItem> items = rows == null ? parse(PostmortemProcess.ACTION_ITEMS.get(task)) : fromRows(rows);
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    for (int i = 0; i < items.size(); i++) {
      String owner = items.get(i).owner();
      if (identity.createUserQuery().userId(owner).count() == 0) {
        throw new FormRejection(FIELD, "Action item " + (i + 1) + " (" + items.get(i).title() + "): owner '" + owner
            + "' is not a Firebreak user; choose the owner from the list.");
      }
    }
    if (rows != null) {
      // The rest of the process (planning, the document) reads the one line format.
      PostmortemProcess.ACTION_ITEMS.set(task, toLines(items));
    }
  }

  /** The repeating group's rows; a row left entirely empty is no item (the group starts with one). */
  static List<ActionItem> fromRows(Object value) {
    List<ActionItem> items = new ArrayList<>();
    if (value == null) {
      return items;
    }
    SpinJsonNode rows = value instanceof SpinJsonNode node ? node : Spin.JSON(value.toString());
    if (!rows.isArray()) {
      throw new FormRejection(FIELD, "Action items must be a list of rows with title, owner, due date and kind.");
    }
    int n = 0;
    for (SpinJsonNode row : rows.elements()) {
      n++;
      String title = text(row, "title");
      String owner = text(row, "owner");
      String due = text(row, "due");
      String kind = text(row, "kind");
      if (title.isEmpty() && owner.isEmpty() && due.isEmpty()) {
        continue;
      }
      String item = "Action item " + n;
      if (title.isEmpty()) {
        throw new FormRejection(FIELD, item + " has no title; say what will be done.");
      }
      if (title.length() > MAX_TITLE || title.contains("|")) {
        throw new FormRejection(FIELD, item + ": the title must be at most " + MAX_TITLE
            + " characters and must not contain '|'.");
      }
      if (owner.isEmpty()) {
        throw new FormRejection(FIELD, item + " (" + title + ") has no owner; choose one from the list.");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(due);
      } catch (DateTimeException e) {
        throw new FormRejection(FIELD, item + " (" + title + "): the due date '" + due
            + "' is not a date like 2026-12-01; pick one in the calendar.");
      }
      String k = kind.isEmpty() ? ActionItem.DEFAULT_KIND : kind.toLowerCase(Locale.ROOT);
      if (!ActionItem.KINDS.contains(k)) {
        throw new FormRejection(FIELD, item + " (" + title + "): the kind '" + kind + "' is not one of "
            + String.join(", ", ActionItem.KINDS) + ".");
      }
      items.add(new ActionItem(title, owner, date, k));
    }
    return items;
  }

  private static String text(SpinJsonNode row, String prop) {
    if (!row.isObject() || !row.hasProp(prop) || row.prop(prop).isNull()) {
      return "";
    }
    SpinJsonNode v = row.prop(prop);
    return (v.isString() ? v.stringValue() : v.toString()).strip();
  }

  static String toLines(List<ActionItem> items) {
    StringBuilder lines = new StringBuilder();
    for (ActionItem item : items) {
      lines.append(item.title()).append(" | ").append(item.owner()).append(" | ").append(item.due())
          .append(" | ").append(item.kind()).append('\n');
    }
    return lines.toString();
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
        throw new FormRejection(FIELD, "Action item on line " + (i + 1)
            + " must read 'title | owner | YYYY-MM-DD' or 'title | owner | YYYY-MM-DD | kind', not '" + line + "'.");
      }
      LocalDate due;
      try {
        due = LocalDate.parse(parts[2].strip());
      } catch (DateTimeException e) {
        throw new FormRejection(FIELD, "Action item on line " + (i + 1) + ": due date '" + parts[2].strip()
            + "' is not a date like 2026-12-01.");
      }
      String kind = parts.length == 4 && !parts[3].isBlank() ? parts[3].strip().toLowerCase(Locale.ROOT)
          : ActionItem.DEFAULT_KIND;
      if (!ActionItem.KINDS.contains(kind)) {
        throw new FormRejection(FIELD, "Action item on line " + (i + 1) + ": kind '" + parts[3].strip()
            + "' is not one of " + String.join(", ", ActionItem.KINDS) + ".");
      }
      if (parts[0].strip().length() > MAX_TITLE || parts[1].strip().length() > MAX_OWNER) {
        throw new FormRejection(FIELD, "Action item on line " + (i + 1)
            + " is too long (title " + MAX_TITLE + ", owner " + MAX_OWNER + " characters).");
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
