package io.firebreak.statuspage;

import java.time.Instant;
import java.util.List;

/**
 * A public update as its subscribers are told of it: exactly what the page shows (public name,
 * Statuspage status, approved text, components; the window of a maintenance), nothing internal.
 */
record SubscriberUpdate(boolean maintenance, String title, String status, String body, List<String> components,
    Instant scheduledFor, Instant scheduledUntil) {}
