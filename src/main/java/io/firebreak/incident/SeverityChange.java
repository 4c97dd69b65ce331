package io.firebreak.incident;

import java.util.Locale;

/** Validation shared by everything that changes a severity. */
final class SeverityChange {

  private SeverityChange() {}

  static String normalise(String severity) {
    String s = severity == null ? "" : severity.strip().toUpperCase(Locale.ROOT);
    if (!IncidentDeclaration.SEVERITIES.contains(s)) {
      throw new IllegalArgumentException("severity must be one of SEV1, SEV2, SEV3, SEV4, SEV5, not '" + severity + "'");
    }
    return s;
  }
}
