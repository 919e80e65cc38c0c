package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;

/**
 * Velero skips Jobs whose backed-up status has a completionTime, but re-creates every other Job,
 * which then runs again in the target (velero.md §4; Velero #8801).
 */
public final class UnfinishedJobCheck implements Check {
  private static final CheckInfo INFO = new CheckInfo(
      "unfinished-job",
      Severity.WARNING,
      "Unfinished Job would run again",
      "Velero re-creates Jobs that had not completed when the backup was taken; the copy starts from scratch in the target cluster.",
      "Let the Job finish before the cutover, drop it, or suspend it (the jobsForRestore converter sets spec.suspend).");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (!"Job".equals(object.kind()) || !"batch".equals(object.group())) {
      return;
    }
    var status = object.node().path("status");
    // Velero skips only Jobs with a completionTime; a Failed condition ends a Job too. Some succeeded
    // pods with none active is not the end of a Job that wants more completions.
    boolean finished = status.hasNonNull("completionTime");
    for (var condition : status.path("conditions")) {
      String type = condition.path("type").asText();
      finished |= ("Complete".equals(type) || "Failed".equals(type)) && "True".equals(condition.path("status").asText());
    }
    boolean ownedByCronJob = false;
    for (var owner : object.node().path("metadata").path("ownerReferences")) {
      ownedByCronJob |= "CronJob".equals(owner.path("kind").asText());
    }
    if (!finished && !object.node().path("spec").path("suspend").asBoolean(false)) {
      int completions = object.node().path("spec").path("completions").asInt(1);
      ctx.report(INFO, ObjectRef.of(object, key), "Job has not completed (" + status.path("succeeded").asInt(0) + " of " + completions
          + " completions, " + status.path("active").asInt(0) + " active pods) and would run again after restore"
          + (ownedByCronJob ? "; its CronJob would also start new ones" : ""));
    }
  }
}
