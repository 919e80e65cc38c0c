package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import dev.transship.lint.Target;

/** ALB Ingresses: no controller on GKE serves them; on EKS an IngressGroup is shared with the old cluster. */
public final class AlbIngressCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("alb-ingress", Severity.ERROR, "ALB Ingress does not work on the target",
      "Restored on GKE, an Ingress of the AWS Load Balancer Controller gets no address, and its finalizer blocks deletion. "
          + "Restored into another EKS cluster, its IngressGroup makes the new controller take over the old cluster's ALB.",
      "Convert with rules/eks-to-gke.yaml (GKE) or rules/eks-upgrade.yaml (a new EKS cluster).");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (!"Ingress".equals(object.kind())) {
      return;
    }
    boolean alb = "alb".equals(object.annotation("kubernetes.io/ingress.class"))
        || "alb".equals(object.node().path("spec").path("ingressClassName").asText());
    if (!alb) {
      return;
    }
    Target target = ctx.options().target();
    if (target == Target.GKE) {
      ctx.report(INFO, ObjectRef.of(object, key), "ALB Ingress: GKE's Ingress controller ignores it, so it gets no address");
    } else if (object.annotation("alb.ingress.kubernetes.io/group.name") != null) {
      ctx.report(INFO, ObjectRef.of(object, key), "IngressGroup " + object.annotation("alb.ingress.kubernetes.io/group.name")
          + " would be adopted by the new cluster's controller, which then owns the old cluster's ALB");
    }
  }
}
