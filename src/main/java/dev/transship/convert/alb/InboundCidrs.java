package dev.transship.convert.alb;

import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code inbound-cidrs} limited who could reach the ALB. A GKE Ingress has no such setting: an
 * external one is open to the internet unless a Cloud Armor policy allows only those ranges, so
 * losing the limit is an error. An internal one stays inside the VPC, which is a warning.
 */
final class InboundCidrs {
  /** Ranges that restrict nothing: the controller's default for internet-facing load balancers. */
  private static final Set<String> EVERYONE = Set.of("0.0.0.0/0", "::/0");

  private InboundCidrs() {}

  static void check(KubeObject ingress, String value, boolean internal, String policy, ActionContext ctx) {
    if (value == null) {
      return;
    }
    // class params fold their list as JSON; the annotation is comma-separated
    List<String> cidrs = Arrays.stream(value.replaceAll("[\\[\\]\"]", "").split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
    if (EVERYONE.containsAll(cidrs)) {
      ctx.info("alb-inbound-cidrs-open", "inbound-cidrs " + String.join(",", cidrs) + " let everyone in, as a GKE Ingress does");
      return;
    }
    String ranges = String.join(",", cidrs);
    if (internal) {
      ctx.warn("alb-inbound-cidrs-internal", "the internal ALB accepted only " + ranges + "; the internal GKE Ingress accepts the whole VPC",
          "restrict the proxy-only subnet's access to the backends with VPC firewall rules if the limit mattered");
    } else if (policy == null) {
      ctx.error("alb-inbound-cidrs-lost", "the ALB accepted only " + ranges + "; the GKE Ingress would be open to the whole internet",
          "create a Cloud Armor policy that allows only these ranges and map " + ingress.namespace() + "/" + ingress.name() + " to it in inboundCidrPolicies");
    }
    // with a policy, the backends' BackendConfigs attach it (BackendConfigBuilder)
  }
}
