package dev.transship.convert.finalizers;

import java.util.List;
import java.util.Optional;

/**
 * The controller finalizers of cloud-mapping.md §2. Velero restores finalizers (since v1.11); one
 * whose controller is absent in the target blocks the object's deletion forever, and one whose
 * controller is present is re-added on its first reconcile, so stripping is safe either way.
 */
final class FinalizerCatalog {
  private static final String LBC = "AWS Load Balancer Controller";

  static final List<ControllerFinalizer> ALL = List.of(
      ControllerFinalizer.aws("ingress.k8s.aws/resources", LBC + " (Ingress)"),
      ControllerFinalizer.aws("group.ingress.k8s.aws/*", LBC + " (IngressGroup)"),
      ControllerFinalizer.aws("service.k8s.aws/resources", LBC + " (NLB Service)"),
      ControllerFinalizer.aws("elbv2.k8s.aws/resources", LBC + " (TargetGroupBinding)"),
      ControllerFinalizer.aws("gateway.k8s.aws/*", LBC + " (Gateway API)"),
      ControllerFinalizer.aws("aga.k8s.aws/resources", LBC + " (Global Accelerator)"),
      ControllerFinalizer.aws("finalizers.appmesh.k8s.aws/*", "AWS App Mesh controller"),
      ControllerFinalizer.aws("karpenter.sh/termination", "Karpenter"),
      ControllerFinalizer.aws("karpenter.k8s.aws/termination", "Karpenter AWS provider (EC2NodeClass)"),
      ControllerFinalizer.aws("finalizers.*.services.k8s.aws/*", "AWS Controllers for Kubernetes (ACK)"),
      ControllerFinalizer.aws("external-attacher/ebs-csi-aws-com", "EBS CSI driver's external-attacher"),
      ControllerFinalizer.gke("networking.gke.io/ingress-finalizer-V2", "GKE Ingress controller (ingress-gce)"),
      ControllerFinalizer.gke("networking.gke.io/ingress-finalizer", "GKE Ingress controller (ingress-gce)"),
      ControllerFinalizer.gke("gke.networking.io/l4-*", "GKE L4 load balancer controller"),
      ControllerFinalizer.gke("networking.gke.io/neg-finalizer", "GKE NEG controller"),
      ControllerFinalizer.gke("networking.gke.io/negbinding-cleanup", "GKE NEG controller"),
      ControllerFinalizer.gke("multiproject.networking.gke.io/neg-cleanup", "GKE NEG controller (multi-project)"),
      ControllerFinalizer.gke("external-attacher/pd-csi-storage-gke-io", "PD CSI driver's external-attacher"),
      ControllerFinalizer.any("service.kubernetes.io/load-balancer-cleanup", "cloud provider's service controller"));

  private FinalizerCatalog() {}

  static Optional<ControllerFinalizer> find(String finalizer) {
    return ALL.stream().filter(f -> f.glob().matches(finalizer)).findFirst();
  }

  /** Finalizers of kube-controller-manager and the API server: kept whatever the target. */
  static boolean core(String finalizer) {
    return finalizer.startsWith("kubernetes.io/") || finalizer.equals("foregroundDeletion") || finalizer.equals("orphan");
  }
}
