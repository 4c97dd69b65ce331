package io.firebreak.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Median and p90 of durations, as the review report states them. Median: the middle value, or the
 * mean of the two middle values for an even count. p90: nearest rank, the value at position
 * ⌈0.9 · n⌉ of the sorted list (so with fewer than ten values it is the largest but not always).
 */
public final class Percentiles {

  private Percentiles() {}

  public record Summary(int count, Duration median, Duration p90) {}

  public static Summary of(List<Duration> durations) {
    List<Duration> sorted = durations.stream().filter(Objects::nonNull).sorted().toList();
    int n = sorted.size();
    if (n == 0) {
      return new Summary(0, null, null);
    }
    Duration median = n % 2 == 1 ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    int rank = (int) Math.ceil(0.9 * n);
    return new Summary(n, median, sorted.get(rank - 1));
  }
}
