package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import dev.transship.plan.CronSchedule;
import java.util.HashMap;
import java.util.Map;

/** CronJobs whose schedule or time zone does not parse: the API server refuses them, and no cutover can be planned. */
public final class CronJobScheduleCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("cronjob-schedule", Severity.ERROR, "CronJob schedule or time zone does not parse",
      "The API server validates spec.schedule and spec.timeZone, so the restore of such a CronJob fails; transship cannot forecast "
          + "its runs to plan a cutover either.",
      "Fix the schedule (five cron fields or a macro such as @daily) and use an IANA time zone name such as Europe/Berlin.");

  /** Backups repeat a few schedules many times, and parsing one costs far more than looking it up. */
  private static final int MAX_VERDICTS = 4096;
  private final Map<Key, String> verdicts = new HashMap<>();

  private record Key(String schedule, String timeZone) {}

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (!"CronJob".equals(object.kind()) || !"batch".equals(object.group())) {
      return;
    }
    String schedule = object.node().path("spec").path("schedule").asText("");
    if (schedule.trim().startsWith("@every")) {
      return; // valid for Kubernetes; it has no fixed times, which only the planner minds
    }
    String timeZone = object.node().path("spec").path("timeZone").asText(null);
    String problem = verdicts.computeIfAbsent(new Key(schedule, timeZone), k -> {
      try {
        CronSchedule.parse(schedule, timeZone);
        return "";
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    });
    if (verdicts.size() > MAX_VERDICTS) {
      verdicts.clear();
    }
    if (!problem.isEmpty()) {
      ctx.report(INFO, ObjectRef.of(object, key), problem);
    }
  }
}
