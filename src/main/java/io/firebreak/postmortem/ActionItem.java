package io.firebreak.postmortem;

import java.time.LocalDate;

/** A postmortem action item: what, who, by when. */
record ActionItem(String title, String owner, LocalDate due) {}
