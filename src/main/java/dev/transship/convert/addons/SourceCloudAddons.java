package dev.transship.convert.addons;

import static dev.transship.convert.addons.SourceCloudAddon.globs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  /** The Cluster Autoscaler serves many clouds: it is AWS's only when told so. */
  private static final SourceCloudAddon.ProgramFlag AWS_CLUSTER_AUTOSCALER =
      new SourceCloudAddon.ProgramFlag("cluster-autoscaler", "--cloud-provider", Set.of("aws"));

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
          Set.of(), globs("aws-auth"), Set.of(), List.of(), Set.of()),
      new SourceCloudAddon("Cluster Autoscaler for AWS",
          "it resizes EC2 Auto Scaling groups with AWS credentials; on GKE it finds no Auto Scaling groups and crash-loops, "
              + "while GKE's own cluster autoscaler scales the node pools",
          "enable autoscaling on the GKE node pools (or node auto-provisioning) with the sizes the Auto Scaling groups had",
          Set.of(), globs(), Set.of("aws-cluster-autoscaler"), List.of(), Set.of(),
          List.of(AWS_CLUSTER_AUTOSCALER)));

  /** Every program flag of the catalogue: what the converter's cheap looks search the stored bytes for. */
  static final List<SourceCloudAddon.ProgramFlag> PROGRAM_FLAGS = ALL.stream().flatMap(a -> a.flags().stream()).toList();

  private SourceCloudAddons() {}

  /** Whether the container runs the Cluster Autoscaler for AWS, as the catalogue recognises it (program and provider). */
  public static boolean runsAwsClusterAutoscaler(JsonNode container) {
    return AWS_CLUSTER_AUTOSCALER.runBy(container);
  }

  /** An object recognised as part of an add-on, and by what; {@code byFlag} when only a program flag told. */
  public record Sighting(String addon, String because, String reason, String hint, boolean byFlag) {
    String describe() {
      return addon + " (" + because + "): " + reason;
    }
  }

  /** The add-on the object belongs to, by namespace, name, label, or the images its pods run and how. */
  public static Optional<Sighting> of(KubeObject object) {
    String[] runs = runs(object);
    SourceCloudAddon.Seen seen = SourceCloudAddon.Seen.of(object);
    for (int i = 0; i < ALL.size(); i++) {
      SourceCloudAddon addon = ALL.get(i);
      String because = addon.recognise(seen);
      boolean byFlag = false;
      if (because == null && runs != null && runs[i] != null) {
        because = runs[i];
        byFlag = !addon.flags().isEmpty() && because.contains(" with ");
      }
      if (because != null) {
        return Optional.of(new Sighting(addon.name(), because, addon.reason(), addon.hint(), byFlag));
      }
    }
    return Optional.empty();
  }

  /** Image repository, and each of its trailing path segments ("eks/coredns", "coredns") -> the add-ons running it. */
  private static final Map<String, List<Integer>> BY_IMAGE = new HashMap<>();
  /** Program name -> the add-ons recognised by a flag of it. */
  private static final Map<String, List<Integer>> BY_PROGRAM = new HashMap<>();

  static {
    for (int i = 0; i < ALL.size(); i++) {
      for (String image : ALL.get(i).images()) {
        BY_IMAGE.computeIfAbsent(image, k -> new ArrayList<>()).add(i);
      }
      for (SourceCloudAddon.ProgramFlag flag : ALL.get(i).flags()) {
        BY_PROGRAM.computeIfAbsent(flag.program(), k -> new ArrayList<>()).add(i);
      }
    }
  }

  /**
   * One walk over the object's containers: per add-on (by index in {@link #ALL}), what its first
   * container of that add-on runs ("runs IMAGE", or "runs PROGRAM with --flag=value"); null when the
   * object holds no pod spec. A catalogue image matches the repository or its tail after a slash.
   */
  private static String[] runs(KubeObject object) {
    if (!PodTemplates.holdsPods(object)) {
      return null;
    }
    String[] out = new String[ALL.size()];
    PodTemplates.forEachContainer(object, (template, container) -> {
      String image = container.image();
      String repository = SourceCloudAddon.Images.repository(image);
      for (String tail = repository; ; ) {
        for (int i : BY_IMAGE.getOrDefault(tail, List.of())) {
          if (out[i] == null) {
            out[i] = "runs " + image;
          }
        }
        int slash = tail.indexOf('/');
        if (slash < 0) {
          break;
        }
        tail = tail.substring(slash + 1);
      }
      if (BY_PROGRAM.isEmpty()) {
        return;
      }
      for (String program : SourceCloudAddon.programs(repository, container.node())) {
        for (int i : BY_PROGRAM.getOrDefault(program, List.of())) {
          for (SourceCloudAddon.ProgramFlag flag : ALL.get(i).flags()) {
            String value = out[i] == null && flag.program().equals(program) ? flag.valueIn(container.node()) : null;
            if (value != null) {
              out[i] = "runs " + program + " with " + flag.flag() + "=" + value;
            }
          }
        }
      }
    });
    return out;
  }

  /** Kinds that run nothing yet belong to the workload that uses them: its ServiceAccount and RBAC. */
  private static final Set<String> COMPANION_KINDS = Set.of("/ServiceAccount", "rbac.authorization.k8s.io/Role",
      "rbac.authorization.k8s.io/RoleBinding", "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding");

  /** "Kind namespace/name" of a ServiceAccount or RBAC object (namespace empty when cluster-scoped); null for other kinds. */
  public static String companionKey(KubeObject object) {
    if (!COMPANION_KINDS.contains(object.group() + "/" + object.kind())) {
      return null;
    }
    return key(object.kind(), object.kind().startsWith("Cluster") ? "" : object.namespace(), object.name());
  }

  private static String key(String kind, String namespace, String name) {
    return kind + " " + (namespace == null ? "" : namespace) + "/" + name;
  }

  /**
   * For a workload recognised only by how its program runs (a Cluster Autoscaler with
   * --cloud-provider=aws), the objects that come with it and say nothing of the cloud themselves,
   * by {@link #companionKey}: its ServiceAccount, and the Roles, RoleBindings, ClusterRoles and
   * ClusterRoleBindings named after it or its ServiceAccount (as the upstream manifests name them).
   * Empty for anything else; an autoscaler of another cloud has none.
   */
  public static Map<String, Sighting> companions(KubeObject workload) {
    Optional<Sighting> sighting = of(workload);
    if (sighting.isEmpty() || !sighting.get().byFlag()) {
      return Map.of();
    }
    String namespace = workload.namespace();
    Set<String> names = new java.util.LinkedHashSet<>();
    names.add(workload.name());
    ObjectNode spec = PodTemplates.podSpec(workload);
    String account = spec == null ? "" : spec.path("serviceAccountName").asText(spec.path("serviceAccount").asText(""));
    Sighting s = sighting.get();
    Sighting companion = new Sighting(s.addon(), "used by " + workload.kind() + " " + namespace + "/" + workload.name() + ", which "
        + s.because(), s.reason(), s.hint(), true);
    Map<String, Sighting> out = new HashMap<>();
    if (!account.isEmpty() && !account.equals("default")) {
      names.add(account);
      out.put(key("ServiceAccount", namespace, account), companion);
    }
    for (String name : names) {
      out.put(key("Role", namespace, name), companion);
      out.put(key("RoleBinding", namespace, name), companion);
      out.put(key("ClusterRole", "", name), companion);
      out.put(key("ClusterRoleBinding", "", name), companion);
    }
    return out;
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
