package io.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void cleanDropsControlCharactersButKeepsLineBreaksAndTabs() {
    assertThat(Json.clean("a\u0000b\u0007c\u001bd\u007fe\nf\tg")).isEqualTo("abcde\nf\tg");
    assertThat(Json.clean(null)).isNull();
  }

  @Test
  void truncateMarksTheCut() {
    assertThat(Json.truncate("abcdef", 4)).isEqualTo("abc…");
    assertThat(Json.truncate("abcd", 4)).isEqualTo("abcd");
  }
}
