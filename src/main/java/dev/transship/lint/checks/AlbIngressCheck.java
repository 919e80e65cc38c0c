package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.AlbAnnotationKeys;
import dev.transship.cloud.IngressClassIndex;
import dev.transship.cloud.Target;
import dev.transship.convert.upgrade.OwnAwsNames;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

/**
 * ALB Ingresses: no controller on GKE serves them; on EKS an IngressGroup or an explicit load
 * balancer name ties them to the old cluster's ALB. Which Ingresses are ALB ones is IngressClasses'
 * call, made once the whole backup is seen.
 */
public final class AlbIngressCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("alb-ingress", Severity.ERROR, "ALB Ingress does not work on the target",
      "Restored on GKE, an Ingress of the AWS Load Balancer Controller gets no address, and its finalizer blocks deletion. "
          + "Restored into another EKS cluster, its IngressGroup makes the new controller take over the old cluster's ALB, and an "
          + "explicit load-balancer name cannot be created twice.",
      "Convert with rules/eks-to-gke.yaml (GKE) or rules/eks-upgrade.yaml (a new EKS cluster).");

  private record Pending(ObjectRef ref, String className, String group, String lbName) {}

  private final IngressClassIndex classes = new IngressClassIndex();
  private final List<Pending> ingresses = new ArrayList<>();

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    classes.observe(object);
    if ("Ingress".equals(object.kind())) {
      // names eks-upgrade already gave the new cluster are its own: only the old cluster's are a problem
      String group = object.annotation(AlbAnnotationKeys.GROUP_NAME);
      String lbName = object.annotation(AlbAnnotationKeys.LOAD_BALANCER_NAME);
      ingresses.add(new Pending(ObjectRef.of(object, key), IngressClassIndex.namedClass(object),
          OwnAwsNames.owns(object, group) ? null : group, OwnAwsNames.owns(object, lbName) ? null : lbName));
    }
  }

  @Override
  public void finish(LintContext ctx) {
    for (Pending p : ingresses) {
      if (classes.controller(p.className()) == IngressClassIndex.Controller.ALB) {
        report(p, ctx);
      }
    }
  }

  private static void report(Pending ingress, LintContext ctx) {
    String via = ingress.className().isEmpty() ? "the default IngressClass" : "class " + ingress.className();
    if (ctx.options().target() == Target.GKE) {
      ctx.report(INFO, ingress.ref(), "ALB Ingress (" + via + "): GKE's Ingress controller ignores it, so it gets no address");
      return;
    }
    if (ingress.group() != null) {
      ctx.report(INFO, ingress.ref(), "IngressGroup " + ingress.group()
          + " would be adopted by the new cluster's controller, which then owns the old cluster's ALB");
    }
    if (ingress.lbName() != null) {
      ctx.report(INFO, ingress.ref(), "load balancer name " + ingress.lbName()
          + " is taken by the old cluster's ALB: the new controller cannot create its own");
    }
  }
}
