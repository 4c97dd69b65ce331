package io.firebreak.comms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** User text in Markdown documents shows as written and adds no markup. */
class MarkdownTest {

  @Test
  void inlineMarkupIsEscaped() {
    assertThat(Markdown.escape("a *b* _c_ `d` [e](f) ![g](h) <i> | j ~k~ & l \\ m"))
        .isEqualTo("a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\!\\[g\\](h) \\<i\\> \\| j \\~k\\~ &amp; l \\\\ m");
  }

  @Test
  void lineStartsCannotMakeHeadingsListsQuotesOrCodeBlocks() {
    assertThat(Markdown.escape("# h\n- a\n+ b\n1. c\n2) d\n> e\n    code\n===\nplain 1. text - here"))
        .isEqualTo("\\# h\n\\- a\n\\+ b\n1\\. c\n2\\) d\n\\> e\ncode\n\\===\nplain 1. text - here");
  }

  @Test
  void lineEndsAreKeptAndNullIsEmpty() {
    assertThat(Markdown.escape("a\r\nb\rc")).isEqualTo("a\nb\nc");
    assertThat(Markdown.escape(null)).isEmpty();
    assertThat(Markdown.oneLine(" a \n  b\r\nc ")).isEqualTo("a b c");
  }
}
