package io.firebreak.maintenance;

import static io.firebreak.maintenance.MaintenanceProcess.*;

import io.firebreak.platform.FormRejection;
import io.firebreak.statuspage.StatusPageComponents;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * Checks the <i>Schedule maintenance</i> start form where only the server can (a window that ends
 * after it starts and does not start in the past, components the status page knows, an owner who is
 * a user) and plans the window: the business key ({@code MNT-…}), the times the timers wait for
 * ({@code announceAt} = start minus the model's {@code announceLeadTime}, at once when that has
 * passed; {@code overrunAt} = end plus {@code overrunGrace}). A refusal is a {@link FormRejection}:
 * Tasklist shows its sentence and nothing is started.
 *
 * <p>Used by {@code Task_ScheduleMaintenance} in {@code maintenance.bpmn} (not async, so a refusal
 * reaches the person who submitted the form).
 */
@Component("scheduleMaintenance")
class ScheduleMaintenance implements JavaDelegate {

  static final int MAX_TITLE = 200;
  static final int MAX_TEXT = 4000;
  /** A window "starting now" was typed a few minutes before the form was submitted. */
  static final Duration START_TOLERANCE = Duration.ofMinutes(5);
  static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
  private static final char[] KEY_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StatusPageComponents components;

  ScheduleMaintenance(StatusPageComponents components) {
    this.components = components;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    String title = strip(TITLE.get(execution));
    if (title.isEmpty()) {
      throw new FormRejection("Title", "Title: say what is being maintained, e.g. \"Database upgrade\".");
    }
    if (title.codePointCount(0, title.length()) > MAX_TITLE) {
      throw new FormRejection("Title", "Title: at most " + MAX_TITLE + " characters.");
    }
    List<String> chosen = components(execution.getVariable(COMPONENTS));
    Instant start = time(execution.getVariable(WINDOW_START.name()), "Window start");
    Instant end = time(execution.getVariable(WINDOW_END.name()), "Window end");
    if (!end.isAfter(start)) {
      throw new FormRejection("Window end", "Window end: the window must end after it starts ("
          + SHOWN.format(start.atOffset(ZoneOffset.UTC)) + ").");
    }
    if (start.isBefore(now.minus(START_TOLERANCE))) {
      throw new FormRejection("Window start", "Window start: " + SHOWN.format(start.atOffset(ZoneOffset.UTC))
          + " has passed; choose now or a time in the future.");
    }
    String text = strip(CUSTOMER_TEXT.get(execution));
    if (text.isEmpty()) {
      throw new FormRejection("Customer text", "Customer text: say what customers will notice, e.g. "
          + "\"Payments may be slow for up to 10 minutes\".");
    }
    if (text.codePointCount(0, text.length()) > MAX_TEXT) {
      throw new FormRejection("Customer text", "Customer text: at most " + MAX_TEXT + " characters.");
    }
    String owner = strip(OWNER.get(execution));
    if (owner.isEmpty()) {
      owner = strip(STARTER.get(execution));
    }
    if (owner.isEmpty()) {
      throw new FormRejection("Owner", "Owner: name the person who confirms the maintenance is done.");
    }
    if (execution.getProcessEngineServices().getIdentityService().createUserQuery().userId(owner).count() == 0) {
      throw new FormRejection("Owner", "Owner: '" + owner + "' is not a Firebreak user; give a user id, "
          + "or leave it empty for yourself.");
    }
    Duration lead = duration(execution, ANNOUNCE_LEAD_TIME, Duration.ofDays(2));
    Duration grace = duration(execution, OVERRUN_GRACE, Duration.ofMinutes(30));
    Instant announce = start.minus(lead).isBefore(now) ? now : start.minus(lead);

    String key = execution.getProcessBusinessKey();
    if (key == null || key.isBlank()) {
      key = KEY_PREFIX + newKey();
      execution.setProcessBusinessKey(key);
    }
    TITLE.set(execution, title);
    CUSTOMER_TEXT.set(execution, text);
    OWNER.set(execution, owner);
    COMPONENT_NAMES.set(execution, String.join(", ", chosen));
    execution.setVariable(WINDOW_START_AT, Date.from(start));
    execution.setVariable(WINDOW_END_AT, Date.from(end));
    execution.setVariable(ANNOUNCE_AT, Date.from(announce));
    execution.setVariable(OVERRUN_AT, Date.from(end.plus(grace)));
    WINDOW_START_SHOWN.set(execution, SHOWN.format(start.atOffset(ZoneOffset.UTC)));
    WINDOW_END_SHOWN.set(execution, SHOWN.format(end.atOffset(ZoneOffset.UTC)));
  }

  /** The status-page components chosen, by component name or by catalog service; at least one, each known. */
  private List<String> components(Object value) {
    List<String> given = new ArrayList<>();
    if (value instanceof SpinJsonNode || value instanceof String s && s.strip().startsWith("[")) {
      SpinJsonNode node = value instanceof SpinJsonNode n ? n : Spin.JSON(value.toString());
      if (node.isArray()) {
        node.elements().forEach(e -> given.add(e.isString() ? e.stringValue() : e.toString()));
      }
    } else if (value instanceof Collection<?> c) {
      c.forEach(v -> given.add(String.valueOf(v)));
    } else if (value != null) {
      given.addAll(List.of(value.toString().split(",")));
    }
    List<String> known = components.all();
    List<String> chosen = new ArrayList<>();
    for (String name : given.stream().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
      Optional<String> component = known.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
          .or(() -> components.of(name));
      if (component.isEmpty()) {
        throw new FormRejection("Affected components", "Affected components: '" + name
            + "' is not a status page component or catalog service; choose from " + String.join(", ", known) + ".");
      }
      if (!chosen.contains(component.get())) {
        chosen.add(component.get());
      }
    }
    if (chosen.isEmpty()) {
      throw new FormRejection("Affected components", "Affected components: choose at least one of "
          + String.join(", ", known) + ".");
    }
    return chosen;
  }

  /** A form's datetime (with an offset, or without one: UTC), or a Date over the REST API. */
  static Instant time(Object value, String label) {
    if (value instanceof Date d) {
      return d.toInstant();
    }
    String text = value == null ? "" : value.toString().strip();
    if (text.isEmpty()) {
      throw new FormRejection(label, label + ": choose a date and time.");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw new FormRejection(label, label + ": '" + text + "' is not a date and time like 2026-03-01T22:00Z.");
      }
    }
  }

  private static Duration duration(DelegateExecution execution, io.firebreak.platform.Var<String> input,
      Duration fallback) {
    String text = strip(input.get(execution));
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative()) {
        throw new IllegalStateException(input.name() + " must not be negative: " + text);
      }
      return d;
    } catch (DateTimeException e) {
      throw new IllegalStateException(input.name() + " must be an ISO-8601 duration like P2D or PT30M, not '"
          + text + "'", e);
    }
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }

  private static String newKey() {
    char[] key = new char[8];
    for (int i = 0; i < key.length; i++) {
      key[i] = KEY_CHARS[RANDOM.nextInt(KEY_CHARS.length)];
    }
    return new String(key);
  }
}
