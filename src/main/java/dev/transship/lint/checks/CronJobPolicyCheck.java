package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import dev.transship.plan.DuplicationPolicy;

/** CronJobs must say whether they may run in two clusters at once; Velero restores them running. */
public final class CronJobPolicyCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("cronjob-duplication-policy", Severity.WARNING, "CronJob without a duplication policy",
      "Velero restores CronJobs unsuspended: during a migration they run in the old and the new cluster at once, which double-sends "
          + "emails, double-charges, or races on shared data.",
      "Label it transship.dev/duplication: allowed, forbidden (cut over in a set) or disabled.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (!"CronJob".equals(object.kind()) || !"batch".equals(object.group())) {
      return;
    }
    String label = object.label(DuplicationPolicy.LABEL);
    if (label == null) {
      if (!object.node().path("spec").path("suspend").asBoolean(false)) {
        ctx.report(INFO, ObjectRef.of(object, key), "no " + DuplicationPolicy.LABEL + " label: it would run in both clusters during the move");
      }
      return;
    }
    try {
      DuplicationPolicy.parse(label);
    } catch (IllegalArgumentException e) {
      ctx.report(new CheckInfo(INFO.id(), Severity.ERROR, INFO.title(), INFO.why(), INFO.fix()), ObjectRef.of(object, key),
          "label " + DuplicationPolicy.LABEL + ": " + e.getMessage());
    }
  }
}
