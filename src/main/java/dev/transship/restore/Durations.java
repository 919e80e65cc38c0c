package dev.transship.restore;

import dev.transship.TransshipException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as kubectl and velero take them: {@code 90s}, {@code 10m}, {@code 1h30m}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(h|m|s)");

  private Durations() {}

  public static Duration parse(String text) throws TransshipException {
    if (text == null || text.isEmpty() || !text.matches("(\\d{1,6}(h|m|s))+")) {
      throw new TransshipException("'" + text + "' is not a duration (e.g. 90s, 10m, 1h30m)");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      });
    }
    if (total.isZero()) {
      throw new TransshipException("'" + text + "': the duration must be more than 0");
    }
    return total;
  }

  public static String text(Duration d) {
    String s = d.toString().substring(2).toLowerCase(); // PT1H30M -> 1h30m
    return s.replaceAll("\\.\\d+", "");
  }
}
