package dev.transship.cloud;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which node labels, taints and extended resources only EKS nodes carry (cloud-mapping.md §7.1):
 * lint's scheduling check and the scheduling converter ask here, so a converted backup lints clean.
 */
public final class AwsNodeLabels {
  /** Label and taint key prefixes that AWS, EKS, eksctl and Karpenter own; no GKE node has them. */
  private static final List<String> AWS_KEY_PREFIXES = List.of("eks.amazonaws.com/", "karpenter.sh/", "karpenter.k8s.aws/",
      "k8s.amazonaws.com/", "alpha.eksctl.io/", "topology.ebs.csi.aws.com/", "topology.k8s.aws/", "vpc.amazonaws.com/",
      "ebs.csi.aws.com/", "efs.csi.aws.com/");
  /** Portable keys whose values name an instance type. */
  public static final List<String> INSTANCE_TYPE_KEYS = List.of("node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type");
  /** Portable keys whose values name a zone or a region. */
  public static final List<String> ZONE_KEYS = List.of("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone",
      "topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region");
  /** Zone keys only the EBS driver or AWS set; the portable zone key replaces them in spreads (§4.3). */
  public static final List<String> AWS_ZONE_KEYS = List.of("topology.ebs.csi.aws.com/zone", "topology.k8s.aws/zone-id");

  /** EC2 instance types (m5.xlarge, c7g.metal, p4d.24xlarge): GCE's are n2-standard-4 and the like. */
  private static final Pattern EC2_INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.(nano|micro|small|medium|(\\d*x)?large|metal(-\\d+xl)?)");
  /** AWS regions (us-east-1, us-gov-west-1) and zones (us-east-1a, us-west-2-lax-1a local zones). */
  private static final Pattern AWS_ZONE_OR_REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+([a-z]|-[a-z]+-\\d+[a-z])?");
  /** Extended resources that AWS device plugins advertise: security groups for pods, Windows IPAM, EFA, Neuron. */
  private static final Pattern AWS_RESOURCE = Pattern.compile("vpc\\.amazonaws\\.com/.*|aws\\.amazon\\.com/.*");

  private AwsNodeLabels() {}

  /** Whether the key itself belongs to AWS, whatever its value. */
  public static boolean awsKey(String key) {
    return AWS_KEY_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /** Whether {@code key=value} is something only an EKS node carries ({@code value} empty for "the key at all"). */
  public static boolean awsLabel(String key, String value) {
    if (awsKey(key)) {
      return true;
    }
    if (INSTANCE_TYPE_KEYS.contains(key)) {
      return awsInstanceType(value);
    }
    return ZONE_KEYS.contains(key) && awsZoneOrRegion(value);
  }

  /**
   * Whether a node selector requirement admits only EKS nodes: In when every value is an AWS
   * label (one GKE value among them still matches), Exists, Gt and Lt on an AWS key. NotIn and
   * DoesNotExist hold on every node that lacks the label, so on every GKE node.
   */
  public static boolean requiresAwsNode(String key, String operator, List<String> values) {
    return switch (operator) {
      case "In" -> !values.isEmpty() && values.stream().allMatch(v -> awsLabel(key, v));
      case "Exists", "Gt", "Lt" -> awsKey(key);
      default -> false;
    };
  }

  public static boolean awsInstanceType(String value) {
    return EC2_INSTANCE_TYPE.matcher(value).matches();
  }

  public static boolean awsZoneOrRegion(String value) {
    return AWS_ZONE_OR_REGION.matcher(value).matches();
  }

  /** Whether a container resource is one only AWS device plugins advertise. */
  public static boolean awsResource(String resource) {
    return AWS_RESOURCE.matcher(resource).matches();
  }
}
