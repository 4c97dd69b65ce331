package io.firebreak.comms;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block Kit layout of a rendered message. */
class SlackChatTest {

  @Test
  void eachParagraphIsAMrkdwnSectionWithinSlacksSizeLimit() {
    String longParagraph = "x".repeat(3500);
    List<LayoutBlock> blocks = SlackChat.sections("*INC-1 declared*\nline two\n\n  \n\n>quote\n\n" + longParagraph);

    assertThat(blocks).hasSize(4).allSatisfy(b -> assertThat(b).isInstanceOf(SectionBlock.class));
    assertThat(blocks).extracting(b -> ((MarkdownTextObject) ((SectionBlock) b).getText()).getText())
        .containsExactly("*INC-1 declared*\nline two", ">quote", "x".repeat(3000), "x".repeat(500));
  }
}
