package dev.transship.convert.upgrade;

import dev.transship.kube.ContainerFlags;
import dev.transship.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How the Kubernetes Cluster Autoscaler on AWS finds its node groups: {@code
 * --node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/<cluster>}
 * picks every Auto Scaling group carrying all those tag keys (a key may carry {@code =value}). The
 * cluster's name is in a key ({@code k8s.io/cluster-autoscaler/<cluster>}, or the {@code
 * kubernetes.io/cluster/<cluster>} key EKS puts on its node groups), so an autoscaler restored into
 * a new cluster unchanged resizes the old cluster's groups, side by side with the old cluster's own
 * autoscaler; a spec naming no cluster picks every cluster's groups that carry its tags.
 */
final class AutoscalerDiscovery {
  static final String FLAG = "--node-group-auto-discovery";
  /** Node groups named one by one ({@code --nodes=1:10:<asg>}): the old cluster's, by name. */
  static final String NODES_FLAG = "--nodes";
  private static final String ASG_TAGS = "asg:tag=";
  /** Tag key prefixes followed by a cluster's name. */
  private static final List<String> CLUSTER_TAGS = List.of("k8s.io/cluster-autoscaler/", KarpenterNodeClasses.CLUSTER_TAG_PREFIX);
  /** Marks a group as the autoscaler's to manage, whatever the cluster: the documented companion of the cluster's key. */
  private static final String ENABLED_TAG = "k8s.io/cluster-autoscaler/enabled";

  private AutoscalerDiscovery() {}

  /** The auto-discovery flags of the object's containers whose specs select Auto Scaling groups by tag. */
  static List<ContainerFlags.Flag> asgDiscovery(KubeObject object) {
    return ContainerFlags.of(object, FLAG).stream().filter(f -> f.value().startsWith(ASG_TAGS)).toList();
  }

  /** The cluster names in one discovery spec's tag keys; empty when it names no cluster. */
  static List<String> clusterNames(String spec) {
    List<String> out = new ArrayList<>();
    for (String tag : tags(spec)) {
      String key = tag.contains("=") ? tag.substring(0, tag.indexOf('=')) : tag;
      String prefix = clusterPrefix(key);
      if (prefix != null) {
        out.add(key.substring(prefix.length()));
      }
    }
    return out;
  }

  /** The spec with each cluster name replaced by {@code rename}'s answer (null: kept). */
  static String renamed(String spec, UnaryOperator<String> rename) {
    List<String> tags = new ArrayList<>();
    for (String tag : tags(spec)) {
      int eq = tag.indexOf('=');
      String key = eq < 0 ? tag : tag.substring(0, eq);
      String prefix = clusterPrefix(key);
      if (prefix != null) {
        String renamed = rename.apply(key.substring(prefix.length()));
        if (renamed != null) {
          key = prefix + renamed;
        }
      }
      tags.add(eq < 0 ? key : key + tag.substring(eq));
    }
    return ASG_TAGS + String.join(",", tags);
  }

  /** The {@code key=value} tags of a spec, without the {@code asg:tag=} in front. */
  private static String[] tags(String spec) {
    return spec.substring(ASG_TAGS.length()).split(",");
  }

  /** The prefix of a tag key that names a cluster after it, or null. */
  private static String clusterPrefix(String key) {
    if (key.equals(ENABLED_TAG)) {
      return null;
    }
    return CLUSTER_TAGS.stream().filter(p -> key.startsWith(p) && key.length() > p.length()).findFirst().orElse(null);
  }

  /** The group a {@code --nodes=<min>:<max>:<name>} value names: its text after the last colon. */
  static String nodeGroup(String nodes) {
    return nodes.substring(nodes.lastIndexOf(':') + 1);
  }
}
