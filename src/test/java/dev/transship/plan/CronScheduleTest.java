package dev.transship.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.archive.ItemKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final Instant NOW = Instant.parse("2026-11-24T01:55:00Z"); // a Tuesday

  @Test
  void standardScheduleRunsInUtcByDefault() {
    assertEquals(List.of(Instant.parse("2026-11-24T02:00:00Z")),
        CronSchedule.parse("0 2 * * *", null).runs(NOW, NOW.plus(Duration.ofHours(1))));
  }

  @Test
  void macrosExpandAsKubernetesReadsThem() {
    assertEquals(List.of(Instant.parse("2026-11-24T02:00:00Z"), Instant.parse("2026-11-24T03:00:00Z")),
        CronSchedule.parse("@hourly", null).runs(NOW, NOW.plus(Duration.ofHours(2))));
    assertEquals(List.of(Instant.parse("2026-11-25T00:00:00Z")),
        CronSchedule.parse("@daily", null).runs(NOW, NOW.plus(Duration.ofDays(1))));
  }

  @Test
  void timeZoneFieldAndCronTzPrefixShiftRuns() {
    // 30 * * * * in Berlin (UTC+1 in November) still fires at :30 every hour
    assertEquals(List.of(Instant.parse("2026-11-24T02:30:00Z")),
        CronSchedule.parse("30 * * * *", "Europe/Berlin").runs(NOW, NOW.plus(Duration.ofHours(1))));
    // 6:00 New York on weekdays = 11:00 UTC in November
    assertEquals(List.of(Instant.parse("2026-11-24T11:00:00Z")),
        CronSchedule.parse("CRON_TZ=America/New_York 0 6 * * 1-5", null).runs(NOW, NOW.plus(Duration.ofHours(12))));
    assertEquals(List.of(Instant.parse("2026-11-24T07:00:00Z")),
        CronSchedule.parse("0 8 * * *", "Europe/Berlin").runs(NOW, NOW.plus(Duration.ofHours(12))));
  }

  @Test
  void rejectsBadSchedulesAndZones() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("61 * * * *", null)).getMessage()
        .startsWith("schedule '61 * * * *' does not parse"));
    assertEquals("unknown time zone 'Mars/Olympus'",
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 2 * * *", "Mars/Olympus")).getMessage());
  }

  @Test
  void forecastListsMissedRunsAndQuietWindows() {
    List<CronJobInfo> set = List.of(
        new CronJobInfo(new ItemKey("cronjobs.batch", "shop", "nightly-report"), CronSchedule.parse("0 2 * * *", null), DuplicationPolicy.FORBIDDEN, "reporting"),
        new CronJobInfo(new ItemKey("cronjobs.batch", "shop", "quarter"), CronSchedule.parse("*/15 * * * *", null), DuplicationPolicy.FORBIDDEN, "reporting"));
    CutoverForecast f = CutoverForecast.of(set, NOW, Duration.ofMinutes(10), 2);
    assertEquals(List.of(new CutoverForecast.MissedRun("shop/nightly-report", Instant.parse("2026-11-24T02:00:00Z")),
        new CutoverForecast.MissedRun("shop/quarter", Instant.parse("2026-11-24T02:00:00Z"))), f.missedRuns());
    // every 15 minutes leaves 14-minute gaps after each run's minute
    assertEquals(new CutoverForecast.Window(Instant.parse("2026-11-24T02:01:00Z"), Instant.parse("2026-11-24T02:15:00Z")),
        f.quietWindows().get(0));
    assertEquals(2, f.quietWindows().size());
  }

  @Test
  void forecastWithNoRunsInTheWindowMissesNothing() {
    List<CronJobInfo> set = List.of(new CronJobInfo(new ItemKey("cronjobs.batch", "shop", "n"), CronSchedule.parse("0 2 * * *", null), DuplicationPolicy.FORBIDDEN, "s"));
    CutoverForecast f = CutoverForecast.of(set, Instant.parse("2026-11-24T03:00:00Z"), Duration.ofMinutes(10), 1);
    assertTrue(f.missedRuns().isEmpty());
    assertEquals(Instant.parse("2026-11-24T03:00:00Z"), f.quietWindows().get(0).start());
  }
}
