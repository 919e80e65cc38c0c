package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import dev.transship.lint.Target;

/**
 * AWS L4 Services (cloud-mapping.md §3): on GKE an unknown loadBalancerClass leaves the Service
 * pending forever and AWS annotations are ignored (internal becomes public); in a new EKS cluster
 * the controller's webhook turns a classless Service into an internal NLB.
 */
public final class AwsLoadBalancerServiceCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("aws-load-balancer-service", Severity.ERROR, "AWS load-balancer Service does not carry over",
      "GKE ignores Services with an AWS loadBalancerClass (they stay pending) and the aws-load-balancer-* annotations, so an internal NLB "
          + "becomes a public load balancer. In a new EKS cluster the AWS Load Balancer Controller's webhook gives classless LoadBalancer "
          + "Services its own class, whose default scheme is internal.",
      "Convert with the awsServiceToGkeL4 converter (rules/eks-to-gke.yaml), or set the scheme explicitly for EKS.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (!"Service".equals(object.kind()) || !"LoadBalancer".equals(object.node().path("spec").path("type").asText())) {
      return;
    }
    String lbClass = object.node().path("spec").path("loadBalancerClass").asText("");
    boolean awsAnnotations = object.annotations().keySet().stream().anyMatch(k -> k.startsWith("service.beta.kubernetes.io/aws-load-balancer-"));
    ObjectRef ref = ObjectRef.of(object, key);
    if (ctx.options().target() == Target.GKE) {
      if (lbClass.endsWith("/nlb") || lbClass.startsWith("service.k8s.aws")) {
        ctx.report(INFO, ref, "loadBalancerClass " + lbClass + " is unknown on GKE: the Service stays pending");
      } else if (awsAnnotations) {
        ctx.report(INFO, ref, "aws-load-balancer-* annotations are ignored on GKE: scheme, certificates and addresses are lost");
      }
    } else if (lbClass.isEmpty() && object.annotation("service.beta.kubernetes.io/aws-load-balancer-scheme") == null) {
      ctx.report(INFO, ref, "no loadBalancerClass and no scheme: the new cluster's controller makes it an internal NLB",
          "set service.beta.kubernetes.io/aws-load-balancer-scheme explicitly");
    }
  }
}
