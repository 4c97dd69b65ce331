package io.firebreak.incident;

import java.time.Instant;

/**
 * One line of an incident's timeline: who or what did what, when. {@code kind} is the stored text:
 * a {@link TimelineKind}, or a kind a model named itself.
 */
public record TimelineEntry(Instant at, String kind, String actor, String text) {

  /** Whether this line is of {@code kind}. */
  public boolean is(TimelineKind kind) {
    return kind.name().equals(this.kind);
  }

  /** Whether this entry only notes a delivery that was not made; pages and documents fold these away. */
  public boolean isDeliveryNote() {
    return is(TimelineKind.NOT_CONFIGURED) || is(TimelineKind.SKIPPED);
  }
}
