package io.firebreak.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Median and p90 as the review report defines them. */
class PercentilesTest {

  private static List<Duration> minutes(Integer... m) {
    return Arrays.stream(m).map(x -> x == null ? null : Duration.ofMinutes(x)).toList();
  }

  @Test
  void medianIsTheMiddleOrTheMeanOfTheTwoMiddleValues() {
    assertThat(Percentiles.of(minutes(5, 1, 3)).median()).isEqualTo(Duration.ofMinutes(3));
    assertThat(Percentiles.of(minutes(8, 2, 6, 4)).median()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void p90IsTheNearestRank() {
    List<Duration> ten = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      ten.add(Duration.ofMinutes(i));
    }
    assertThat(Percentiles.of(ten).p90()).isEqualTo(Duration.ofMinutes(9));
    assertThat(Percentiles.of(minutes(1, 2, 3)).p90()).isEqualTo(Duration.ofMinutes(3));
    assertThat(Percentiles.of(minutes(7)).p90()).isEqualTo(Duration.ofMinutes(7));
  }

  @Test
  void missingValuesAreLeftOutAndNoneGiveNoFigure() {
    Percentiles.Summary s = Percentiles.of(minutes(null, 4, null));
    assertThat(s.count()).isEqualTo(1);
    assertThat(s.median()).isEqualTo(Duration.ofMinutes(4));
    assertThat(Percentiles.of(List.of())).isEqualTo(new Percentiles.Summary(0, null, null));
  }
}
