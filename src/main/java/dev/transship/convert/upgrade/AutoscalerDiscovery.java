package dev.transship.convert.upgrade;

import dev.transship.kube.ContainerFlags;
import dev.transship.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How the Kubernetes Cluster Autoscaler on AWS finds its node groups: {@code
 * --node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/<cluster>}
 * picks every Auto Scaling group carrying those tag keys (a key may carry {@code =value}). The
 * cluster's name is in the second key, so an autoscaler restored into a new cluster unchanged resizes
 * the old cluster's groups, side by side with the old cluster's own autoscaler.
 */
final class AutoscalerDiscovery {
  static final String FLAG = "--node-group-auto-discovery";
  /** Node groups named one by one ({@code --nodes=1:10:<asg>}): the old cluster's, by name. */
  static final String NODES_FLAG = "--nodes";
  private static final String ASG_TAGS = "asg:tag=";
  private static final String CLUSTER_TAG = "k8s.io/cluster-autoscaler/";
  private static final String ENABLED = "enabled";

  private AutoscalerDiscovery() {}

  /** The auto-discovery flags of the object's containers whose specs select Auto Scaling groups by tag. */
  static List<ContainerFlags.Flag> asgDiscovery(KubeObject object) {
    return ContainerFlags.of(object, FLAG).stream().filter(f -> f.value().startsWith(ASG_TAGS)).toList();
  }

  /** The cluster names in one discovery spec's tag keys. */
  static List<String> clusterNames(String spec) {
    List<String> out = new ArrayList<>();
    for (String tag : spec.substring(ASG_TAGS.length()).split(",")) {
      String key = tag.contains("=") ? tag.substring(0, tag.indexOf('=')) : tag;
      if (key.startsWith(CLUSTER_TAG) && !key.equals(CLUSTER_TAG + ENABLED)) {
        out.add(key.substring(CLUSTER_TAG.length()));
      }
    }
    return out;
  }

  /** The spec with each cluster name replaced by {@code rename}'s answer (null: kept). */
  static String renamed(String spec, UnaryOperator<String> rename) {
    List<String> tags = new ArrayList<>();
    for (String tag : spec.substring(ASG_TAGS.length()).split(",")) {
      int eq = tag.indexOf('=');
      String key = eq < 0 ? tag : tag.substring(0, eq);
      if (key.startsWith(CLUSTER_TAG) && !key.equals(CLUSTER_TAG + ENABLED)) {
        String renamed = rename.apply(key.substring(CLUSTER_TAG.length()));
        if (renamed != null) {
          key = CLUSTER_TAG + renamed;
        }
      }
      tags.add(eq < 0 ? key : key + tag.substring(eq));
    }
    return ASG_TAGS + String.join(",", tags);
  }
}
