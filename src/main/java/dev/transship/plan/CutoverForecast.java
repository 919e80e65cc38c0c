package dev.transship.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When a set of CronJobs can be cut over without missing a run, and which runs are missed if the
 * cutover starts at a given time and takes the given window.
 */
public record CutoverForecast(Duration window, Instant at, List<MissedRun> missedRuns, List<Window> quietWindows) {
  /** A run that would not happen in either cluster. */
  public record MissedRun(String cronJob, Instant time) {}

  /** A stretch of at least {@code window} in which no CronJob of the set fires. */
  public record Window(Instant start, Instant end) {}

  /** How far ahead quiet windows are searched. */
  static final Duration HORIZON = Duration.ofDays(7);

  public static CutoverForecast of(List<CronJobInfo> cronJobs, Instant at, Duration window, int windows) {
    List<MissedRun> missed = new ArrayList<>();
    List<Instant> allRuns = new ArrayList<>();
    for (CronJobInfo c : cronJobs) {
      c.schedule().runs(at, at.plus(window)).forEach(t -> missed.add(new MissedRun(c.ref(), t)));
      allRuns.addAll(c.schedule().runs(at, at.plus(HORIZON)));
    }
    missed.sort(Comparator.comparing(MissedRun::time).thenComparing(MissedRun::cronJob));
    allRuns.sort(Comparator.naturalOrder());
    List<Window> quiet = new ArrayList<>();
    Instant free = at;
    for (Instant run : allRuns) {
      if (!run.isBefore(free) && Duration.between(free, run).compareTo(window) >= 0) {
        quiet.add(new Window(free, run));
        if (quiet.size() == windows) {
          break;
        }
      }
      if (!run.isBefore(free)) {
        free = run.plusSeconds(60); // a run occupies its minute
      }
    }
    if (quiet.size() < windows && Duration.between(free, at.plus(HORIZON)).compareTo(window) >= 0) {
      quiet.add(new Window(free, at.plus(HORIZON)));
    }
    return new CutoverForecast(window, at, missed, quiet);
  }
}
