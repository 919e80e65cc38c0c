package dev.transship.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * AWS load-balancer Services to GKE L4 load balancers (cloud-mapping.md §3). The AWS Load
 * Balancer Controller's default scheme is internal, the in-tree provider's is internet-facing;
 * GKE's is external, so a naive copy silently makes private endpoints public. Internal stays
 * internal. {@code loadBalancerClass} is removed (GKE ignores unknown classes and the Service
 * stays pending forever) and every AWS annotation is reported.
 */
public final class AwsServiceToGkeL4 implements ObjectAction {
  private static final String PREFIX = "service.beta.kubernetes.io/aws-load-balancer-";
  private static final Set<String> LBC_CLASSES = Set.of("service.k8s.aws/nlb", "eks.amazonaws.com/nlb");
  private static final Set<String> BREAKING = Set.of("ssl-cert", "ssl-ports", "ssl-negotiation-policy", "proxy-protocol",
      "backend-protocol", "proxy-protocol-per-target-group");

  @Override
  public void apply(ActionContext ctx) {
    KubeObject svc = ctx.object();
    if (!"Service".equals(svc.kind())) {
      return;
    }
    ObjectNode spec = (ObjectNode) svc.node().path("spec");
    String lbClass = spec.path("loadBalancerClass").asText(null);
    List<String> aws = new ArrayList<>();
    svc.annotations().keySet().stream().filter(k -> k.startsWith(PREFIX) || k.equals("service.beta.kubernetes.io/aws-load-balancer-internal")).forEach(aws::add);
    boolean lbcClass = lbClass != null && LBC_CLASSES.contains(lbClass);
    if (!lbcClass && aws.isEmpty()) {
      return;
    }
    String type = svc.annotation(PREFIX + "type");
    boolean lbcManaged = lbcClass || "external".equals(type) || "nlb-ip".equals(type);
    String scheme = svc.annotation(PREFIX + "scheme");
    String internalFlag = svc.annotation(PREFIX + "internal");
    boolean internal = "internal".equals(scheme) || (internalFlag != null && !"false".equals(internalFlag))
        || (scheme == null && internalFlag == null && lbcManaged);
    if (lbcClass) {
      spec.remove("loadBalancerClass");
      ctx.info("aws-lb-class-removed", "removed loadBalancerClass " + lbClass + ": GKE ignores unknown classes and the Service would stay pending");
    }
    for (String key : aws) {
      String suffix = key.substring(key.lastIndexOf('/') + 1).replace("aws-load-balancer-", "");
      svc.removeAnnotation(key);
      if (BREAKING.contains(suffix)) {
        ctx.warn("aws-lb-annotation-unsupported", "annotation " + key + " has no GKE L4 equivalent: a passthrough load balancer "
            + "neither terminates TLS nor sends PROXY protocol headers", "terminate TLS in the pod or move to an Ingress/Gateway; turn off PROXY protocol in the app");
      } else if (suffix.startsWith("eip-allocations") || suffix.startsWith("private-ipv4-addresses")) {
        ctx.warn("aws-lb-static-ip", "annotation " + key + ": reserve a regional address and set networking.gke.io/load-balancer-ip-addresses",
            "gcloud compute addresses create NAME --region REGION");
      } else {
        ctx.info("aws-lb-annotation-removed", "removed " + key + " (AWS load balancer setting; GKE manages its own)");
      }
    }
    if ("LoadBalancer".equals(spec.path("type").asText())) {
      if (internal) {
        svc.setAnnotation("networking.gke.io/load-balancer-type", "Internal");
        ctx.info("l4-internal-kept", "kept internal" + (scheme == null ? " (the AWS Load Balancer Controller's default scheme)" : "")
            + ": networking.gke.io/load-balancer-type Internal");
      } else {
        svc.setAnnotation("cloud.google.com/l4-rbs", "enabled");
        ctx.info("l4-external", "internet-facing: external backend-service-based network load balancer");
      }
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "awsServiceToGkeL4",
      "Turn AWS NLB/CLB Services into GKE L4 load balancers: remove loadBalancerClass and aws-load-balancer-* annotations, "
          + "keep internal load balancers internal (the AWS Load Balancer Controller defaults to internal), report what L4 cannot do.",
      List.of(),
      "- convert: awsServiceToGkeL4",
      config -> new AwsServiceToGkeL4());
}
