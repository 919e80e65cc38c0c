package dev.transship.convert.alb;

import dev.transship.rules.ActionContext;
import java.util.Map;
import java.util.Set;

/**
 * What becomes of each ALB annotation that is not converted into a GKE setting (cloud-mapping.md
 * §1.2). The lists follow the controller's own annotation names: AWS-infrastructure knobs are
 * reported as info, settings with no GKE equivalent as warnings with what to do instead, and a key
 * the controller does not define as a warning of its own. Nothing is dropped silently.
 */
final class UnsupportedAnnotations {
  /** Annotations turned into GKE settings (or findings of their own) by the other classes of this package. */
  static final Set<String> CONVERTED = Set.of("scheme", "target-type", "certificate-arn", "listen-ports", "ssl-redirect",
      "ssl-policy", "healthcheck-path", "healthcheck-port", "healthcheck-protocol", "healthcheck-interval-seconds",
      "healthcheck-timeout-seconds", "healthy-threshold-count", "unhealthy-threshold-count", "success-codes",
      "load-balancer-attributes", "target-group-attributes", "wafv2-acl-arn", "wafv2-acl-name", "waf-acl-id", "web-acl-id",
      "backend-protocol", "backend-protocol-version", "group.name", "inbound-cidrs", "create-acm-cert");

  private static final Set<String> INFRA = Set.of("load-balancer-name", "tags", "subnets", "customer-owned-ipv4-pool",
      "ipam-ipv4-pool-id", "ip-address-type", "manage-backend-security-group-rules", "multi-cluster-target-group",
      "target-node-labels", "security-group-prefix-lists", "minimum-load-balancer-capacity", "target-control-port", "dry-run-plan");

  private static final Map<String, String> NO_EQUIVALENT = Map.of(
      "security-groups", "GKE manages firewall rules itself; express access control as a Cloud Armor policy",
      "auth-type", "only Identity-Aware Proxy is available on GKE Ingress (BackendConfig iap); Cognito and OIDC have no drop-in",
      "shield-advanced-protection", "use Cloud Armor Adaptive Protection at project level",
      "group.order", "GKE URL maps pick the most specific host and path; check overlapping rules",
      "use-regex-path-match", "GKE path rules allow only a trailing /*",
      "mutual-authentication", "mutual TLS needs Certificate Manager and a Gateway",
      "jwt-validation", "validate tokens in the application or use IAP",
      "acm-pca-arn", "certificates of a private CA: upload them as Compute SSL certificates (preSharedCerts) or Secrets");

  /** Families of keys with a variable part: {@code actions.NAME}, {@code listener-attributes.HTTPS-443}, ... */
  private static final Map<String, String> FAMILIES = Map.of(
      "listener-attributes.", "listener attributes have no GKE Ingress equivalent",
      "frontend-nlb-", "GKE has no Network Load Balancer in front of an Ingress; use a separate L4 Service if clients need one");

  private UnsupportedAnnotations() {}

  /** Reports {@code name} unless it was converted or is one of {@code consumedActions}. */
  static void report(String name, String value, Set<String> consumedActions, ActionContext ctx) {
    if (CONVERTED.contains(name) || name.startsWith("actions.") && consumedActions.contains(name.substring("actions.".length()))) {
      return;
    }
    String annotation = AlbAnnotations.PREFIX + name;
    if (INFRA.contains(name)) {
      ctx.info("alb-infra-annotation", "removed " + annotation + ": an AWS infrastructure setting GKE has no use for");
    } else if (name.startsWith("actions.") || name.startsWith("conditions.") || name.startsWith("transforms.")) {
      ctx.warn("alb-custom-action", "removed " + annotation + ": custom actions, conditions and transforms have no GKE Ingress equivalent",
          "redirects, fixed responses and weighted forwards need a Gateway HTTPRoute");
    } else if (name.startsWith("auth-")) {
      ctx.warn("alb-auth", "removed " + annotation + ": " + NO_EQUIVALENT.get("auth-type"),
          "enable IAP in a BackendConfig or authenticate in the application");
    } else if (NO_EQUIVALENT.containsKey(name) || name.equals("enable-frontend-nlb")) {
      ctx.warn("alb-unsupported-annotation", "removed " + annotation + ": " + NO_EQUIVALENT.getOrDefault(name, FAMILIES.get("frontend-nlb-")), "");
    } else {
      String family = FAMILIES.keySet().stream().filter(name::startsWith).findFirst().orElse(null);
      if (family != null) {
        ctx.warn("alb-unsupported-annotation", "removed " + annotation + ": " + FAMILIES.get(family), "");
      } else {
        ctx.warn("alb-unknown-annotation", "removed " + annotation + ": not an annotation of the AWS Load Balancer Controller transship knows",
            "check the spelling on the source cluster; if the controller read it, check what it did");
      }
    }
  }
}
