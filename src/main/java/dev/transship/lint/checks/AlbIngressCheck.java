package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.convert.alb.AlbIngressToGce;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import dev.transship.lint.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ALB Ingresses: no controller on GKE serves them; on EKS an IngressGroup or an explicit load
 * balancer name ties them to the old cluster's ALB. An Ingress is an ALB one by the class "alb"
 * or by an IngressClass whose controller is the AWS Load Balancer Controller; classes may come
 * after their Ingresses in a backup, so Ingresses of other classes are judged at the end.
 */
public final class AlbIngressCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("alb-ingress", Severity.ERROR, "ALB Ingress does not work on the target",
      "Restored on GKE, an Ingress of the AWS Load Balancer Controller gets no address, and its finalizer blocks deletion. "
          + "Restored into another EKS cluster, its IngressGroup makes the new controller take over the old cluster's ALB, and an "
          + "explicit load-balancer name cannot be created twice.",
      "Convert with rules/eks-to-gke.yaml (GKE) or rules/eks-upgrade.yaml (a new EKS cluster).");

  static final String GROUP_NAME = "alb.ingress.kubernetes.io/group.name";
  static final String LB_NAME = "alb.ingress.kubernetes.io/load-balancer-name";
  private static final String DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class";

  private record Pending(ObjectRef ref, String className, String group, String lbName) {}

  private final Set<String> albClasses = new HashSet<>(Set.of("alb"));
  private boolean albIsDefault;
  private final List<Pending> pending = new ArrayList<>();

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if ("IngressClass".equals(object.kind())) {
      if (AlbIngressToGce.ALB_CONTROLLERS.contains(object.node().path("spec").path("controller").asText())) {
        albClasses.add(object.name());
        albIsDefault |= "true".equals(object.annotation(DEFAULT_CLASS));
      }
      return;
    }
    if (!"Ingress".equals(object.kind())) {
      return;
    }
    String annotationClass = object.annotation("kubernetes.io/ingress.class");
    String className = annotationClass != null ? annotationClass : object.node().path("spec").path("ingressClassName").asText("");
    Pending ingress = new Pending(ObjectRef.of(object, key), className, object.annotation(GROUP_NAME), object.annotation(LB_NAME));
    if ("alb".equals(className)) {
      report(ingress, ctx);
    } else if (!ingressOfAnotherKnownController(className)) {
      pending.add(ingress);
    }
  }

  @Override
  public void finish(LintContext ctx) {
    for (Pending p : pending) {
      if (albClasses.contains(p.className()) || (p.className().isEmpty() && albIsDefault)) {
        report(p, ctx);
      }
    }
  }

  private static boolean ingressOfAnotherKnownController(String className) {
    return className.startsWith("gce") || className.equals("nginx");
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
