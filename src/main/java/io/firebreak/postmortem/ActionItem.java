package io.firebreak.postmortem;

import java.time.LocalDate;
import java.util.List;

/** A postmortem action item as the author wrote it: what, who, by when, and what kind of work. */
record ActionItem(String title, String owner, LocalDate due, String kind) {

  /** The kinds an author may give; an item without one is {@code other}. */
  static final List<String> KINDS = List.of("prevent", "detect", "mitigate", "process", "other");
  static final String DEFAULT_KIND = "other";
}
