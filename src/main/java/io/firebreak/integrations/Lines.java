package io.firebreak.integrations;

import java.util.LinkedHashMap;
import java.util.Map;

/** The "one entry per line" inputs of the HTTP step: {@code name = value} or {@code Name: value}. */
final class Lines {

  private Lines() {}

  static Map<String, String> parse(String text, char separator) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (text == null) {
      return entries;
    }
    for (String line : text.split("\\R")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int at = l.indexOf(separator);
      if (at <= 0) {
        throw new IllegalStateException("line '" + l + "' must be 'name " + separator + " value'");
      }
      entries.put(l.substring(0, at).strip(), l.substring(at + 1).strip());
    }
    return entries;
  }
}
