package dev.transship.convert.services;

import dev.transship.finding.Severity;
import java.util.List;
import java.util.Locale;

/**
 * The {@code service.beta.kubernetes.io/aws-load-balancer-*} annotations of the AWS Load Balancer
 * Controller and the in-tree AWS cloud provider, and what each becomes on a GKE L4 load balancer
 * (cloud-mapping.md §3). Scheme and fixed addresses are mapped by {@link AwsServiceToGkeL4}; the
 * rest have no equivalent and are dropped with a finding whose severity says what is lost.
 */
final class AwsServiceAnnotations {
  static final String PREFIX = "service.beta.kubernetes.io/aws-load-balancer-";

  private static final String L4_PASSTHROUGH = "GKE's L4 load balancer passes connections through to the pods";

  /** AWS infrastructure knobs: GKE manages the equivalent itself or has none, nothing to do. */
  private static final List<String> AWS_ONLY = List.of(
      "nlb-target-type", "attributes", "cross-zone-load-balancing-enabled", "additional-resource-tags",
      "target-node-labels", "multi-cluster-target-group", "minimum-load-balancer-capacity", "enable-tcp-udp-listener",
      "name", "connection-draining-enabled", "connection-draining-timeout", "connection-idle-timeout",
      "manage-backend-security-group-rules", "security-group-prefix-lists", "inbound-sg-rules-on-private-link-traffic",
      "enable-icmp-for-path-mtu-discovery", "disable-nlb-sg", "alpn-policy");

  /** Families of the same kind, by prefix of the suffix. */
  private static final List<String> AWS_ONLY_FAMILIES = List.of("healthcheck-", "access-log-", "listener-attributes.");

  private AwsServiceAnnotations() {}

  /** What the fate of an annotation depends on: the Service as it converts. */
  record Context(boolean loadBalancer, boolean internal, boolean sourceRanges) {}

  /** The fate of {@code PREFIX + suffix} with {@code value} on a Service in {@code context}. */
  static AnnotationFate fate(String suffix, String value, Context context) {
    boolean internal = context.internal();
    boolean sourceRanges = context.sourceRanges();
    switch (suffix) {
      case "type":
        return AnnotationFate.dropped("chose the AWS load balancer implementation; GKE's own L4 controller takes the Service");
      case "scheme":
      case "internal":
        return AnnotationFate.dropped(context.loadBalancer()
            ? "not what decided the scheme; see svc-scheme"
            : "only a load balancer reads it, and the Service is not of type LoadBalancer");
      case "eip-allocations":
      case "private-ipv4-addresses":
      case "ipv6-addresses":
        return AnnotationFate.dropped("only a load balancer reads it, and the Service is not of type LoadBalancer");
      case "ssl-cert":
      case "ssl-ports":
      case "ssl-negotiation-policy":
        return new AnnotationFate(Severity.ERROR, "svc-tls-termination",
            "the AWS load balancer terminated TLS; " + L4_PASSTHROUGH + " and cannot",
            "terminate TLS in the pods, or put the Service behind a GKE Ingress or Gateway");
      case "proxy-protocol":
        return proxyProtocol();
      case "target-group-attributes":
        return value.toLowerCase(Locale.ROOT).replace(" ", "").contains("proxy_protocol_v2.enabled=true")
            ? proxyProtocol()
            : AnnotationFate.dropped("target group attributes are AWS-only");
      case "backend-protocol":
        return AnnotationFate.unsupported("the Classic ELB spoke " + value + " to the pods; " + L4_PASSTHROUGH,
            "if the pods relied on the ELB for HTTP handling, put the Service behind a GKE Ingress or Gateway");
      case "ip-address-type":
        return value.toLowerCase(Locale.ROOT).startsWith("dualstack")
            ? AnnotationFate.unsupported("the load balancer was dual-stack",
                "on a dual-stack GKE cluster set spec.ipFamilyPolicy: RequireDualStack and spec.ipFamilies")
            : AnnotationFate.dropped("IPv4 is GKE's default");
      case "subnets":
        return internal
            ? AnnotationFate.unsupported("AWS subnets do not exist in Google Cloud; the internal load balancer takes an address from the cluster's subnet",
                "to use another subnet, set networking.gke.io/internal-load-balancer-subnet to its name")
            : AnnotationFate.dropped("AWS subnets do not exist in Google Cloud");
      case "security-groups":
      case "extra-security-groups":
        return sourceRanges
            ? AnnotationFate.dropped("AWS security groups; access stays limited by spec.loadBalancerSourceRanges")
            : AnnotationFate.unsupported("AWS security groups limited who could connect; GKE has none per load balancer",
                "set spec.loadBalancerSourceRanges (GKE turns it into firewall rules)");
      case "quic-enabled-ports":
        return AnnotationFate.unsupported("QUIC listeners are AWS-only", "check that clients fall back to TCP");
      default:
        if (AWS_ONLY.contains(suffix) || AWS_ONLY_FAMILIES.stream().anyMatch(suffix::startsWith)) {
          return AnnotationFate.dropped("AWS-only setting; GKE manages the equivalent itself or has none");
        }
        return AnnotationFate.unsupported("no GKE equivalent known", "check whether the Service relied on it");
    }
  }

  private static AnnotationFate proxyProtocol() {
    return new AnnotationFate(Severity.ERROR, "svc-proxy-protocol",
        "the AWS load balancer sent a PROXY protocol header; " + L4_PASSTHROUGH + " without one, and a server that requires it rejects every connection",
        "turn PROXY protocol off in the application (e.g. ingress-nginx use-proxy-protocol); use externalTrafficPolicy: Local to keep client IPs");
  }
}
