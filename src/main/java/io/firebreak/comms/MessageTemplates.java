package io.firebreak.comms;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.firebreak.platform.FirebreakProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
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

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final Path overrideDir;

  MessageTemplates(FirebreakProperties properties) {
    this.overrideDir = properties.templates().dir();
  }

  public String render(String name, Format format, Map<String, ?> model) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("template name '" + name + "' must be lower-case letters, digits and dashes");
    }
    String file = name + "." + format.suffix + ".mustache";
    Template template = Mustache.compiler()
        .withEscaper(format.escaper)
        .defaultValue("")
        // {{> facts}} includes facts.<same format>.mustache, so shared blocks are written once.
        .withLoader(partial -> new StringReader(load(partial + "." + format.suffix + ".mustache")))
        .compile(load(file));
    String text = template.execute(model);
    return format == Format.SUBJECT ? text.strip().replaceAll("\\s+", " ") : text.strip();
  }

  /** Whether a template exists for this name and format (shipped or overridden). */
  public boolean exists(String name, Format format) {
    String file = name + "." + format.suffix + ".mustache";
    return (overrideDir != null && Files.isRegularFile(overrideDir.resolve(file)))
        || new ClassPathResource("messages/" + file).exists();
  }

  private String load(String file) {
    try {
      if (overrideDir != null) {
        Path candidate = overrideDir.resolve(file);
        if (Files.isRegularFile(candidate)) {
          return Files.readString(candidate, StandardCharsets.UTF_8);
        }
      }
      ClassPathResource shipped = new ClassPathResource("messages/" + file);
      if (!shipped.exists()) {
        throw new IllegalArgumentException("no message template " + file
            + (overrideDir != null ? " in " + overrideDir + " or" : "") + " among the shipped ones");
      }
      try (InputStream in = shipped.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read message template " + file, e);
    }
  }
}
