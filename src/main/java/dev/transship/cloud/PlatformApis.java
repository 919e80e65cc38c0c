package dev.transship.cloud;

import java.util.Set;

/**
 * API groups a target cluster serves without anyone installing an operator: Kubernetes' own, and
 * those the managed platforms install themselves (GKE's Ingress and certificate CRDs, the snapshot
 * and Gateway API CRDs GKE and EKS offer as add-ons, EKS's VPC CNI and VPC resource controller
 * CRDs). Every other group in a backup belongs to a third-party operator the target needs.
 */
public final class PlatformApis {
  /** Groups of the Kubernetes API server itself (kubectl api-versions on a bare cluster). */
  private static final Set<String> KUBERNETES = Set.of("", "apps", "batch", "autoscaling", "policy", "extensions", "networking.k8s.io",
      "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "apiextensions.k8s.io", "admissionregistration.k8s.io",
      "apiregistration.k8s.io", "flowcontrol.apiserver.k8s.io", "discovery.k8s.io", "coordination.k8s.io", "certificates.k8s.io",
      "node.k8s.io", "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "resource.k8s.io",
      "internal.apiserver.k8s.io", "storagemigration.k8s.io", "metrics.k8s.io");
  /** Groups GKE and EKS install into their clusters (or offer as managed add-ons). */
  private static final Set<String> MANAGED_PLATFORMS = Set.of(
      // GKE
      "cloud.google.com", "networking.gke.io", "monitoring.googleapis.com", "hub.gke.io", "nodemanagement.gke.io",
      "auto.gke.io", "internal.autoscaling.gke.io", "warden.gke.io", "net.gke.io", "policy.gke.io",
      // both, as add-ons
      "snapshot.storage.k8s.io", "gateway.networking.k8s.io",
      // EKS: VPC CNI custom networking, network policy endpoints, security groups for pods, Auto Mode
      "crd.k8s.amazonaws.com", "networking.k8s.aws", "vpcresources.k8s.aws", "eks.amazonaws.com");

  private PlatformApis() {}

  /** Whether the group is one of the Kubernetes API server's own. */
  public static boolean kubernetes(String group) {
    return KUBERNETES.contains(group);
  }

  /** Whether the target serves this group without a third-party operator. */
  public static boolean provided(String group) {
    return KUBERNETES.contains(group) || MANAGED_PLATFORMS.contains(group);
  }
}
