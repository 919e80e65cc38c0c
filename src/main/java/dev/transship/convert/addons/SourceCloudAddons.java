package dev.transship.convert.addons;

import static dev.transship.convert.addons.SourceCloudAddon.globs;

import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The EKS add-ons and AWS controllers an EKS backup can hold, as data (cloud-mapping.md §8 and the
 * components' own charts and EKS add-on manifests). Restored on GKE each one is half alive: its
 * pods pull from AWS's registries with AWS credentials the target does not have, its DaemonSets
 * fight GKE's own networking, storage and logging agents, and its admission webhooks refuse writes
 * once nothing answers them. First match wins.
 */
public final class SourceCloudAddons {
  static final List<SourceCloudAddon> ALL = List.of(
      new SourceCloudAddon("AWS Load Balancer Controller",
          "it provisions ALBs and NLBs for Ingresses and Services; GKE's Ingress and Gateway controllers are part of the cluster",
          "albIngressToGce and awsServiceToGkeL4 convert what it served",
          Set.of(), globs("aws-load-balancer-*"), Set.of("aws-load-balancer-controller"),
          List.of("eks/aws-load-balancer-controller", "amazon/aws-load-balancer-controller"),
          Set.of("aws-load-balancer-webhook-service")),
      new SourceCloudAddon("Karpenter",
          "it launches EC2 instances for pending pods; GKE provides nodes through node pools, node auto-provisioning or ComputeClasses",
          "create node pools or ComputeClasses for what the NodePools asked for",
          Set.of("karpenter"), globs("karpenter", "karpenter-*"), Set.of("karpenter"), List.of("karpenter/controller"),
          Set.of("karpenter")),
      new SourceCloudAddon("App Mesh controller",
          "it programs AWS App Mesh and injects Envoy sidecars; GKE does not run App Mesh",
          "move the mesh to Cloud Service Mesh or Istio by hand (App Mesh ends support on 30 September 2026)",
          Set.of("appmesh-system"), globs("appmesh-*"), Set.of("appmesh-controller"),
          List.of("amazon/appmesh-controller", "appmesh-controller"), Set.of("appmesh-controller-webhook-service")),
      new SourceCloudAddon("AWS Gateway API Controller (VPC Lattice)",
          "it serves Gateway API through Amazon VPC Lattice; GKE's Gateway controller serves its own GatewayClasses",
          "point Gateways at a GKE GatewayClass (gke-l7-global-external-managed, gke-l7-rilb, ...)",
          Set.of("aws-application-networking-system"), globs(), Set.of("gateway-api-controller", "aws-gateway-controller-chart"),
          List.of("aws-application-networking-k8s"), Set.of("aws-application-networking-system/webhook-service")),
      new SourceCloudAddon("Amazon VPC CNI (aws-node)",
          "it gives pods VPC addresses through ENIs of EC2 nodes; GKE nodes run GKE's own CNI",
          "nothing to restore: pod networking is part of the GKE cluster",
          Set.of(), globs("aws-node", "amazon-vpc-cni", "aws-network-policy-agent*"), Set.of("aws-node", "aws-vpc-cni"),
          List.of("amazon-k8s-cni", "amazon-k8s-cni-init", "amazon/aws-network-policy-agent"), Set.of()),
      new SourceCloudAddon("EKS kube-proxy",
          "EKS's kube-proxy build and configuration; GKE runs and manages its own",
          "nothing to restore: GKE manages kube-proxy (or Dataplane V2)",
          Set.of(), globs("kube-proxy", "kube-proxy-config"), Set.of("kube-proxy"), List.of("eks/kube-proxy"), Set.of()),
      new SourceCloudAddon("EKS CoreDNS",
          "EKS's cluster DNS; GKE provides kube-dns (or Cloud DNS) itself",
          "carry custom DNS settings over to GKE's kube-dns ConfigMap (stubDomains) or Cloud DNS",
          Set.of(), globs("coredns", "coredns-*"), Set.of(), List.of("eks/coredns"), Set.of()),
      new SourceCloudAddon("Amazon EBS CSI driver",
          "it attaches EBS volumes to EC2 nodes; GKE provisions Persistent Disk through its own pd.csi.storage.gke.io driver",
          "storage classes and claims are mapped by storageClassMap",
          Set.of(), globs("ebs-csi-*", "ebs-external-*", "ebs.csi.aws.com"), Set.of("aws-ebs-csi-driver"),
          List.of("eks/aws-ebs-csi-driver", "ebs-csi-driver/aws-ebs-csi-driver"), Set.of()),
      new SourceCloudAddon("Amazon EFS, FSx and Mountpoint for S3 CSI drivers",
          "they mount AWS file systems and buckets with AWS credentials; GKE mounts Filestore and Cloud Storage through its own drivers",
          "move the data to Filestore or Cloud Storage (Cloud Storage FUSE CSI driver)",
          Set.of(), globs("efs-csi-*", "fsx-csi-*", "s3-csi-*", "efs.csi.aws.com", "fsx.csi.aws.com", "s3.csi.aws.com"),
          Set.of("aws-efs-csi-driver", "aws-fsx-csi-driver", "aws-mountpoint-s3-csi-driver"),
          List.of("eks/aws-efs-csi-driver", "aws-efs-csi-driver", "eks/aws-fsx-csi-driver", "mountpoint-s3-csi-driver/aws-mountpoint-s3-csi-driver"),
          Set.of()),
      new SourceCloudAddon("CloudWatch agent and Fluent Bit for CloudWatch",
          "they ship logs and metrics to CloudWatch with the node's AWS credentials; GKE sends them to Cloud Logging and Cloud Monitoring itself",
          "recreate log routing and metrics on GKE (Cloud Logging sinks, Managed Service for Prometheus)",
          Set.of("amazon-cloudwatch"), globs("aws-for-fluent-bit*", "cloudwatch-agent*", "aws-cloudwatch-metrics*"),
          Set.of("aws-for-fluent-bit", "aws-cloudwatch-metrics", "cloudwatch-agent", "amazon-cloudwatch-observability"),
          List.of("cloudwatch-agent/cloudwatch-agent", "amazon/cloudwatch-agent", "aws-observability/aws-for-fluent-bit",
              "amazon/aws-for-fluent-bit"), Set.of("amazon-cloudwatch-observability-webhook-service")),
      new SourceCloudAddon("EKS Pod Identity",
          "it hands pods AWS credentials through the EKS Pod Identity agent and webhook; GKE has Workload Identity instead",
          "irsaToWorkloadIdentity maps the service accounts; grant the Google service accounts what the IAM roles allowed",
          Set.of(), globs("eks-pod-identity-agent*", "pod-identity-webhook"), Set.of("eks-pod-identity-agent"),
          List.of("eks/eks-pod-identity-agent", "amazon/amazon-eks-pod-identity-webhook"), Set.of("pod-identity-webhook")),
      new SourceCloudAddon("AWS Node Termination Handler",
          "it drains EC2 nodes on Spot interruptions and maintenance events; GKE handles Spot VM preemption itself",
          "nothing to restore: use GKE Spot node pools and graceful node shutdown",
          Set.of(), globs("aws-node-termination-handler*"), Set.of("aws-node-termination-handler"),
          List.of("aws-ec2/aws-node-termination-handler", "aws-node-termination-handler"), Set.of()),
      new SourceCloudAddon("AWS Secrets Manager provider for the Secrets Store CSI driver",
          "it reads AWS Secrets Manager and Parameter Store with AWS credentials; GKE has a Secret Manager provider of its own",
          "enable GKE's Secret Manager add-on and rewrite the SecretProviderClasses for it",
          Set.of(), globs("secrets-store-csi-driver-provider-aws*", "csi-secrets-store-provider-aws*"),
          Set.of("secrets-store-csi-driver-provider-aws", "csi-secrets-store-provider-aws"),
          List.of("aws-secrets-manager/secrets-store-csi-driver-provider-aws"), Set.of()),
      new SourceCloudAddon("aws-auth",
          "it maps IAM roles and users to Kubernetes users and groups for EKS authentication; GKE authenticates Google identities",
          "bind the same Kubernetes groups to Google users, groups and service accounts with RBAC",
          Set.of(), globs("aws-auth"), Set.of(), List.of(), Set.of()));

  private SourceCloudAddons() {}

  /** An object recognised as part of an add-on, and by what. */
  public record Sighting(String addon, String because, String reason, String hint) {
    String describe() {
      return addon + " (" + because + "): " + reason;
    }
  }

  /** The add-on the object belongs to, by namespace, name, label or the images its pods run. */
  public static Optional<Sighting> of(KubeObject object) {
    for (SourceCloudAddon addon : ALL) {
      String because = addon.recognise(object);
      if (because == null) {
        because = runs(addon, object);
      }
      if (because != null) {
        return Optional.of(new Sighting(addon.name(), because, addon.reason(), addon.hint()));
      }
    }
    return Optional.empty();
  }

  private static String runs(SourceCloudAddon addon, KubeObject object) {
    List<String> images = new ArrayList<>();
    PodTemplates.forEachContainer(object, (template, container) -> {
      if (addon.runsImage(container.image())) {
        images.add(container.image());
      }
    });
    return images.isEmpty() ? null : "runs " + images.get(0);
  }

  /** Whether the namespace is one an add-on keeps to itself (amazon-cloudwatch, karpenter, ...). */
  static boolean ownNamespace(String namespace) {
    return namespace != null && OWN_NAMESPACES.contains(namespace);
  }

  private static final Set<String> OWN_NAMESPACES =
      ALL.stream().flatMap(a -> a.namespaces().stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** The add-on whose admission webhooks the Service {@code namespace/name} serves, if any. */
  static Optional<String> servingWebhooks(String namespace, String service) {
    return ALL.stream().filter(a -> a.servesWebhook(namespace, service)).map(SourceCloudAddon::name).findFirst();
  }

  /**
   * Words one of which the stored bytes of every object outside kube-system, the add-ons' own
   * namespaces and the named cluster-scoped kinds must contain to be an add-on's (its image or chart
   * label), for a cheap look before parsing: a few short words, since it runs on every item.
   * SourceCloudAddonsTest holds the catalogue to it.
   */
  static final List<String> MARKERS = List.of("aws", "amazon", "eks", "karpenter", "appmesh", "cloudwatch", "kube-proxy",
      "gateway-api-controller");

}
