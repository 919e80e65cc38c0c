package dev.transship.plan;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CronJob schedule as Kubernetes reads it: five fields or an {@code @hourly}-style macro, in
 * {@code spec.timeZone} or a {@code CRON_TZ=}/{@code TZ=} prefix, else the controller's UTC.
 * Parsing and next-run arithmetic are cron-utils'.
 */
public final class CronSchedule {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  /** robfig/cron's descriptors, which Kubernetes accepts. */
  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

  private final String text;
  private final ZoneId zone;
  private final ExecutionTime executions;

  private CronSchedule(String text, ZoneId zone, ExecutionTime executions) {
    this.text = text;
    this.zone = zone;
    this.executions = executions;
  }

  /**
   * @param timeZone {@code spec.timeZone}, or null
   * @throws IllegalArgumentException naming what is wrong: the schedule or the time zone
   */
  public static CronSchedule parse(String schedule, String timeZone) {
    String expr = schedule.trim();
    String zoneText = timeZone;
    if (expr.startsWith("CRON_TZ=") || expr.startsWith("TZ=")) {
      int space = expr.indexOf(' ');
      if (space < 0) {
        throw new IllegalArgumentException("schedule '" + schedule + "' has a time zone but no schedule");
      }
      zoneText = expr.substring(expr.indexOf('=') + 1, space);
      expr = expr.substring(space + 1).trim();
    }
    ZoneId zone = ZoneOffset.UTC;
    if (zoneText != null && !zoneText.isEmpty()) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("unknown time zone '" + zoneText + "'");
      }
    }
    if (expr.startsWith("@every")) {
      throw new IllegalArgumentException("schedule '" + schedule + "': @every intervals have no fixed times to forecast");
    }
    // robfig/cron, which Kubernetes uses, takes '?' for "any" in the day fields; cron-utils' UNIX dialect does not.
    String standard = MACROS.getOrDefault(expr, expr).replace('?', '*');
    Cron cron;
    try {
      cron = PARSER.parse(standard);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("schedule '" + schedule + "' does not parse: " + e.getMessage());
    }
    return new CronSchedule(schedule, zone, ExecutionTime.forCron(cron));
  }

  public String text() {
    return text;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Every run in {@code [from, to)}. */
  public List<Instant> runs(Instant from, Instant to) {
    List<Instant> out = new ArrayList<>();
    ZonedDateTime cursor = from.atZone(zone).minusNanos(1);
    while (true) {
      Optional<ZonedDateTime> next = executions.nextExecution(cursor);
      if (next.isEmpty() || !next.get().toInstant().isBefore(to)) {
        return out;
      }
      out.add(next.get().toInstant());
      cursor = next.get();
    }
  }
}
