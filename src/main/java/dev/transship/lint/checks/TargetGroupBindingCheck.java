package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;

/** TargetGroupBindings restored elsewhere drain the source cluster's targets (Velero #9576). */
public final class TargetGroupBindingCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("target-group-binding", Severity.ERROR, "TargetGroupBinding points at the source's target group",
      "Restored into another EKS cluster, the binding makes the new controller register its pods in the old cluster's target group and "
          + "deregister the old ones: the source cluster is drained while it still serves (Velero #9576). On GKE nothing reconciles it.",
      "Re-point it at a target group of the new cluster (retargetTargetGroupBindings) or drop it (dropAwsOnlyObjects).");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (!"TargetGroupBinding".equals(object.kind())) {
      return;
    }
    var spec = object.node().path("spec");
    String arn = spec.path("targetGroupARN").asText(spec.path("targetGroupName").asText());
    ObjectRef ref = ObjectRef.of(object, key);
    if (ctx.options().target() == Target.GKE) {
      ctx.report(INFO, ref, "binds to AWS target group " + arn + ", which nothing reconciles on GKE");
    } else if (object.labels().containsKey("ingress.k8s.aws/stack-name") || object.labels().containsKey("service.k8s.aws/stack-name")) {
      ctx.report(INFO, ref, "created by the controller for an Ingress or Service: restored, it takes over target group " + arn,
          "exclude it from the restore; the new cluster's controller creates its own for the converted Ingress or Service");
    } else if (!spec.path("multiClusterTargetGroup").asBoolean(false)) {
      // A multi-cluster target group is shared on purpose: each cluster deregisters only its own targets.
      ctx.report(INFO, ref, "would take over target group " + arn + " from the source cluster");
    }
  }
}
