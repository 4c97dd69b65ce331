package io.firebreak.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What someone declares, validated the same way whether it came from the API, the Tasklist start
 * form, Slack or an alert. Normalises severity and type to their canonical spelling; the types are
 * those deployed in the DMN {@code incident-types} at the time of the call ({@link IncidentTypes}).
 */
public record IncidentDeclaration(
    String title,
    String description,
    String service,
    String type,
    String proposedSeverity,
    boolean customerImpact,
    String reporter,
    String source,
    String alertSeverity) {

  public static final int MAX_TITLE = 200;
  public static final int MAX_DESCRIPTION = 4000;
  public static final int MAX_SHORT = 100;
  public static final Set<String> SEVERITIES = Set.of("SEV1", "SEV2", "SEV3", "SEV4", "SEV5");
  /** What the start form sends when the reporter does not know the severity. */
  public static final String UNKNOWN_SEVERITY = "unknown";

  /** One problem with one field, as the API reports it. */
  public record FieldError(String field, String message) {
    @Override
    public String toString() {
      return field + ": " + message;
    }
  }

  /** Thrown when a declaration cannot be accepted; names every field that is wrong. */
  public static class InvalidDeclarationException extends IllegalArgumentException {
    private final transient List<FieldError> errors;

    public InvalidDeclarationException(List<FieldError> errors) {
      super(errors.toString());
      this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
      return errors;
    }
  }

  /** The same declaration with another type (as given; {@link #validated} resolves it). */
  public IncidentDeclaration withType(String otherType) {
    return new IncidentDeclaration(title, description, service, otherType, proposedSeverity, customerImpact, reporter,
        source, alertSeverity);
  }

  /**
   * Returns the normalised declaration or throws naming every wrong field. The type is one of
   * {@code types} (an id or an alias, in any case), or their default when none is given.
   */
  public IncidentDeclaration validated(IncidentTypes.Known types) {
    List<FieldError> errors = new ArrayList<>();
    String t = trim(title);
    if (t == null) {
      errors.add(new FieldError("title", "is required"));
    } else if (length(t) > MAX_TITLE) {
      errors.add(new FieldError("title", "must be at most " + MAX_TITLE + " characters"));
    }
    String d = trim(description);
    if (d != null && length(d) > MAX_DESCRIPTION) {
      errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
    String s = trim(service);
    if (s != null && length(s) > MAX_SHORT) {
      errors.add(new FieldError("service", "must be at most " + MAX_SHORT + " characters"));
    }
    String ty = trim(type) == null ? types.defaultType().orElse(null) : types.resolve(type).orElse(null);
    if (ty == null) {
      errors.add(new FieldError("type", (trim(type) == null ? "is required: one of " : "must be one of ")
          + String.join(", ", types.ids())));
    }
    String sev = trim(proposedSeverity);
    if (sev == null || sev.equalsIgnoreCase(UNKNOWN_SEVERITY)) {
      sev = UNKNOWN_SEVERITY;
    } else {
      sev = sev.toUpperCase(Locale.ROOT);
      if (!SEVERITIES.contains(sev)) {
        errors.add(new FieldError("proposedSeverity", "must be one of SEV1, SEV2, SEV3, SEV4, SEV5 or unknown"));
      }
    }
    String r = trim(reporter);
    if (r != null && length(r) > MAX_SHORT) {
      errors.add(new FieldError("reporter", "must be at most " + MAX_SHORT + " characters"));
    }
    String a = trim(alertSeverity);
    if (a != null && length(a) > MAX_SHORT) {
      errors.add(new FieldError("alertSeverity", "must be at most " + MAX_SHORT + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidDeclarationException(errors);
    }
    return new IncidentDeclaration(t, d, s, ty, sev, customerImpact, r,
        trim(source) == null ? "api" : trim(source), a == null ? null : a.toLowerCase(Locale.ROOT));
  }

  /** Characters as people count them: code points, so an emoji is one, not two UTF-16 units. */
  static int length(String value) {
    return value.codePointCount(0, value.length());
  }

  private static String trim(String value) {
    if (value == null) {
      return null;
    }
    String t = value.strip();
    return t.isEmpty() ? null : t;
  }
}
