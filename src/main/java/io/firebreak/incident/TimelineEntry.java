package io.firebreak.incident;

import java.time.Instant;

/** One line of an incident's timeline: who or what did what, when. */
public record TimelineEntry(Instant at, String kind, String actor, String text) {}
