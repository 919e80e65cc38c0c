package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.convert.addons.ControllerWebhooks;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;

/** Admission webhooks of controllers GKE does not run (the AWS Load Balancer Controller, Karpenter, App Mesh, ...). */
public final class ControllerWebhookCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("controller-webhook", Severity.ERROR, "Admission webhook of a controller the target does not run",
      "Restored without its controller, a webhook has no endpoints. With failurePolicy Fail (the default of admissionregistration v1) "
          + "the API server refuses every write it intercepts: the AWS Load Balancer Controller's webhooks intercept every Pod and "
          + "Service create, so nothing more can be deployed, and later stages of the restore fail too.",
      "Leave the webhook configurations out of the restore (dropSourceCloudAddons in rules/eks-to-gke.yaml).");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE || !ControllerWebhooks.isWebhookConfiguration(object)) {
      return;
    }
    for (ControllerWebhooks.Orphan orphan : ControllerWebhooks.orphans(object)) {
      if (orphan.blocksWrites()) { // the others are source-cloud-addon's: harmless, only dead
        ctx.report(INFO, ObjectRef.of(object, key), orphan.describe());
      }
    }
  }
}
