package io.firebreak.integrations;

import java.util.function.IntPredicate;

/** Which HTTP statuses count as success: {@code 2xx}, {@code 200-299}, {@code 201,204}, combined by commas. */
final class Statuses {

  private Statuses() {}

  static IntPredicate parse(String spec) {
    IntPredicate any = s -> false;
    for (String part : spec.split(",")) {
      String p = part.strip().toLowerCase();
      if (p.isEmpty()) {
        continue;
      }
      IntPredicate one;
      if (p.matches("[1-5]xx")) {
        int hundred = p.charAt(0) - '0';
        one = s -> s / 100 == hundred;
      } else if (p.matches("\\d{3}-\\d{3}")) {
        int from = Integer.parseInt(p.substring(0, 3));
        int to = Integer.parseInt(p.substring(4));
        one = s -> s >= from && s <= to;
      } else if (p.matches("\\d{3}")) {
        int code = Integer.parseInt(p);
        one = s -> s == code;
      } else {
        throw new IllegalStateException("successStatuses '" + spec + "': use 2xx, 200-299 or 201,204");
      }
      any = any.or(one);
    }
    return any;
  }
}
