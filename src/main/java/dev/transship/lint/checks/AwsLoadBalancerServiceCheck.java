package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

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

  private static final String PREFIX = "service.beta.kubernetes.io/aws-load-balancer-";

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (!"Service".equals(object.kind()) || !"LoadBalancer".equals(object.node().path("spec").path("type").asText())) {
      return;
    }
    String lbClass = object.node().path("spec").path("loadBalancerClass").asText("");
    String type = object.annotation(PREFIX + "type");
    // The AWS Load Balancer Controller manages "external"/"nlb-ip" Services, and its default scheme is internal.
    boolean controllerManaged = lbClass.startsWith("service.k8s.aws") || "external".equals(type) || "nlb-ip".equals(type);
    String scheme = object.annotation(PREFIX + "scheme");
    String legacyInternal = object.annotation(PREFIX + "internal");
    boolean internal = "internal".equals(scheme) || "true".equals(legacyInternal) || "0.0.0.0/0".equals(legacyInternal)
        || (scheme == null && legacyInternal == null && controllerManaged);
    ObjectRef ref = ObjectRef.of(object, key);
    if (ctx.options().target() == Target.GKE) {
      if (lbClass.endsWith("/nlb") || lbClass.startsWith("service.k8s.aws")) {
        ctx.report(INFO, ref, "loadBalancerClass " + lbClass + " is unknown on GKE: the Service stays pending");
        return;
      }
      List<String> lost = new ArrayList<>();
      if (internal) {
        lost.add("it is internal on AWS and becomes a public load balancer on GKE");
      }
      if (object.annotation(PREFIX + "ssl-cert") != null) {
        lost.add("TLS termination (ssl-cert) is dropped");
      }
      if (object.annotation(PREFIX + "proxy-protocol") != null) {
        lost.add("proxy protocol is dropped");
      }
      if (object.annotation(PREFIX + "eip-allocations") != null || object.annotation(PREFIX + "private-ipv4-addresses") != null) {
        lost.add("its fixed addresses are lost");
      }
      if (!lost.isEmpty()) {
        ctx.report(INFO, ref, "GKE ignores aws-load-balancer-* annotations: " + String.join("; ", lost));
      }
    } else if (lbClass.isEmpty() && !internal && scheme == null && !controllerManaged) {
      ctx.report(INFO, ref, "internet-facing under the in-tree provider, but the new cluster's controller webhook gives classless "
          + "Services its own class, whose default scheme is internal", "set service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing explicitly");
    }
  }
}
