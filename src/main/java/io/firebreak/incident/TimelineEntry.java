package io.firebreak.incident;

import java.time.Instant;

/** One line of an incident's timeline: who or what did what, when. */
public record TimelineEntry(Instant at, String kind, String actor, String text) {

  /** Kinds that say a delivery was not made (nothing configured, nobody to reach): not what happened. */
  private static final java.util.Set<String> DELIVERY_NOTES = java.util.Set.of("NOT_CONFIGURED", "SKIPPED");

  /** Whether this entry only notes a delivery that was not made; pages and documents fold these away. */
  public boolean isDeliveryNote() {
    return DELIVERY_NOTES.contains(kind);
  }
}
