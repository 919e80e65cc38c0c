package dev.transship.plan;

import dev.transship.TransshipException;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import dev.transship.kube.RemovedApis;
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
    if (policy == DuplicationPolicy.FORBIDDEN) {
      requireServedVersion(cronJob);
    }
    return new CronJobInfo(key, schedule(cronJob), policy, labelValue(set));
  }

  /** The one CronJob version every target serves: batch/v1 (since 1.21; the only one from 1.25 on). */
  static final String SERVED_VERSION = "batch/v1";

  /**
   * A cut-over CronJob is suspended in the source before its stage restores it: at a version the
   * target refuses, the restore fails and the job runs in neither cluster. The plan is refused
   * before anything is suspended.
   */
  private static void requireServedVersion(KubeObject cronJob) throws TransshipException {
    if (SERVED_VERSION.equals(cronJob.apiVersion())) {
      return;
    }
    RemovedApis.RemovedApi removed = RemovedApis.all().get(cronJob.apiVersion() + "/" + cronJob.kind());
    throw new TransshipException(cronJob.describe() + ": the plan would suspend it in the source and restore it at "
        + cronJob.apiVersion() + ", which the target refuses" + (removed == null ? "" : " from Kubernetes " + removed.removedIn())
        + ", so it would run in neither cluster; convert it to " + SERVED_VERSION + " first (convert: removedApiVersions, the "
        + "packs' targetVersion) or give it the label " + DuplicationPolicy.LABEL + ": allowed or disabled");
  }

  /** For a backup convert already stamped: the stage label says whether it is cut over, and in which set. */
  static CronJobInfo fromStageLabel(ItemKey key, KubeObject cronJob) throws TransshipException {
    String stage = cronJob.label(StageAssignment.STAGE_LABEL);
    boolean cutover = stage != null && stage.startsWith("cutover-");
    if (cutover) {
      requireServedVersion(cronJob);
    }
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
