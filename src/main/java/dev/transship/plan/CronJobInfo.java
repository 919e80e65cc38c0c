package dev.transship.plan;

import dev.transship.archive.ItemKey;

/** The few facts the planner keeps about one CronJob. */
public record CronJobInfo(ItemKey key, CronSchedule schedule, DuplicationPolicy policy, String cutoverSet) {
  /** "ns/name". */
  public String ref() {
    return key.namespace() + "/" + key.name();
  }
}
