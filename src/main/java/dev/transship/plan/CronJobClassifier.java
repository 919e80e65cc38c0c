package dev.transship.plan;

import dev.transship.TransshipException;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import java.util.Locale;

/**
 * Reads a CronJob's schedule, duplication policy and cutover set: the policy from the label
 * {@code transship.dev/duplication} (which a rule may have set), else disabled when the CronJob is
 * already suspended, else the user's default; the set from {@code transship.dev/cutover-set}, else
 * the namespace.
 */
final class CronJobClassifier {
  private CronJobClassifier() {}

  static CronJobInfo classify(ItemKey key, KubeObject cronJob, DuplicationPolicy defaultPolicy) throws TransshipException {
    String where = cronJob.describe();
    DuplicationPolicy policy;
    String label = cronJob.label(DuplicationPolicy.LABEL);
    if (label != null) {
      try {
        policy = DuplicationPolicy.parse(label);
      } catch (IllegalArgumentException e) {
        throw new TransshipException(where + ": label " + DuplicationPolicy.LABEL + ": " + e.getMessage());
      }
    } else if (cronJob.node().path("spec").path("suspend").asBoolean(false)) {
      policy = DuplicationPolicy.DISABLED;
    } else {
      policy = defaultPolicy;
    }
    String set = cronJob.label(DuplicationPolicy.CUTOVER_SET_LABEL);
    if (set != null && set.contains(",")) {
      throw new TransshipException(where + ": label " + DuplicationPolicy.CUTOVER_SET_LABEL + " puts it in two cutover sets (" + set + ")");
    }
    if (set == null || set.isBlank()) {
      set = key.namespace();
    }
    return new CronJobInfo(key, schedule(cronJob), policy, labelValue(set));
  }

  /** For a backup convert already stamped: the stage label says whether it is cut over, and in which set. */
  static CronJobInfo fromStageLabel(ItemKey key, KubeObject cronJob) throws TransshipException {
    String stage = cronJob.label(StageAssignment.STAGE_LABEL);
    boolean cutover = stage != null && stage.startsWith("cutover-");
    return new CronJobInfo(key, schedule(cronJob), cutover ? DuplicationPolicy.FORBIDDEN : DuplicationPolicy.ALLOWED,
        cutover ? stage.substring("cutover-".length()) : null);
  }

  private static CronSchedule schedule(KubeObject cronJob) throws TransshipException {
    try {
      return CronSchedule.parse(cronJob.node().path("spec").path("schedule").asText(""), cronJob.node().path("spec").path("timeZone").asText(null));
    } catch (IllegalArgumentException e) {
      throw new TransshipException(cronJob.describe() + ": " + e.getMessage());
    }
  }

  /** A set name that fits in the stage label's value next to "cutover-". */
  private static String labelValue(String set) {
    String value = set.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (value.length() > 40) {
      value = value.substring(0, 40);
    }
    return value.replaceAll("^-+|-+$", "");
  }
}
