package io.firebreak.comms;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Escapes user text for CommonMark so that it shows as written and never adds markup: no
 * headings, lists, links, images, emphasis, tables, code or raw HTML. Line breaks are kept (a
 * cause may have paragraphs); leading indentation is dropped so no line becomes a code block.
 */
public final class Markdown {

  /** Punctuation with inline meaning anywhere in a line. */
  private static final String INLINE = "\\`*_[]<>#|~!";
  /** Markers that only mean something at the start of a line: lists, quotes, setext headings. */
  private static final Pattern LINE_START = Pattern.compile("(?m)^([ \\t]*)(\\d+)([.)])|^([ \\t]*)([-+=])");

  private Markdown() {}

  public static String escape(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(raw.length() + 16);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '&') {
        out.append("&amp;");
      } else if (c == '\r') {
        // \r\n and lone \r become \n below
        if (i + 1 >= raw.length() || raw.charAt(i + 1) != '\n') {
          out.append('\n');
        }
      } else if (INLINE.indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    String text = out.toString().replaceAll("(?m)^[ \\t]+", "");
    Matcher m = LINE_START.matcher(text);
    StringBuilder result = new StringBuilder();
    while (m.find()) {
      String replacement = m.group(2) != null ? m.group(2) + "\\" + m.group(3) : "\\" + m.group(5);
      m.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(result);
    return result.toString();
  }

  /** User text for one line (a list item, a table cell): line breaks become spaces. */
  public static String oneLine(String raw) {
    return raw == null ? null : raw.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
