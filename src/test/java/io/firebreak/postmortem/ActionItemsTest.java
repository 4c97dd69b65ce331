package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Working days and the action-item line format. */
class ActionItemsTest {

  private static final LocalDate FRIDAY = LocalDate.of(2026, 3, 6);

  @Test
  void horizonCountsWorkingDaysOnlyAcrossTheWeekend() {
    assertThat(ActionItems.horizonEnd(FRIDAY, 5)).isEqualTo(LocalDate.of(2026, 3, 13));
    assertThat(ActionItems.horizonEnd(FRIDAY.plusDays(1), 5)).isEqualTo(LocalDate.of(2026, 3, 13));
    assertThat(ActionItems.horizonEnd(FRIDAY, 1)).isEqualTo(LocalDate.of(2026, 3, 9));
    assertThat(ActionItems.addWorkingDays(LocalDate.of(2026, 3, 9), -1)).isEqualTo(FRIDAY);
    assertThat(ActionItems.addWorkingDays(FRIDAY, 0)).isEqualTo(FRIDAY);
  }

  @Test
  void linesWithAndWithoutKindAreRead() {
    assertThat(ActionItems.parse(" Add retries | alice | 2026-03-09 | Prevent \n\nDocs | bob | 2026-04-01"))
        .containsExactly(new ActionItem("Add retries", "alice", LocalDate.of(2026, 3, 9), "prevent"),
            new ActionItem("Docs", "bob", LocalDate.of(2026, 4, 1), "other"));
    assertThat(ActionItems.parse(null)).isEmpty();
  }
}
