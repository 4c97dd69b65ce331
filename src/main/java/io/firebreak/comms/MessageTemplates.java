package io.firebreak.comms;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import io.firebreak.platform.Templates;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Renders message wording from Mustache templates named {@code <name>.<format>.mustache}. A process
 * owner edits them in the folder {@code firebreak.templates.dir} (read on every render, so no
 * restart is needed); a template missing there falls back to the shipped one in
 * {@code classpath:messages/}. User text is escaped for the format: Slack mrkdwn, HTML or Markdown.
 */
@Component
public class MessageTemplates {

  /** The formats a template can be written for, each with its escaping. */
  public enum Format {
    SLACK("slack", Escapers.simple(new String[][] {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}})),
    SUBJECT("subject", Escapers.NONE),
    TEXT("text", Escapers.NONE),
    HTML("html", Escapers.HTML),
    /** Markdown documents (the postmortem, the incident review): user text cannot add markup. */
    MARKDOWN("md", Markdown::escape);

    final String suffix;
    final Mustache.Escaper escaper;

    Format(String suffix, Mustache.Escaper escaper) {
      this.suffix = suffix;
      this.escaper = escaper;
    }

    /** User text escaped as a template of this format escapes it, for text not from a template. */
    public String escape(String text) {
      return escaper.escape(text);
    }
  }

  private final Templates files;

  MessageTemplates(Templates files) {
    this.files = files;
  }

  public String render(String name, Format format, Map<String, ?> model) {
    // {{> facts}} includes facts.<same format>.mustache, so shared blocks are written once.
    String text = files.render(name, format.suffix, format.escaper, model);
    return format == Format.SUBJECT ? text.strip().replaceAll("\\s+", " ") : text.strip();
  }

  /** Whether a template exists for this name and format (shipped or overridden). */
  public boolean exists(String name, Format format) {
    return files.exists(name, format.suffix);
  }
}
