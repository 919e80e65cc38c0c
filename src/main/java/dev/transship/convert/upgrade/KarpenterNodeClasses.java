package dev.transship.convert.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a Karpenter node class names its cluster (cloud-mapping.md §8): the AWS tags that select
 * subnets, security groups, AMIs and capacity reservations ({@code karpenter.sh/discovery:
 * <cluster>}, or {@code kubernetes.io/cluster/<cluster>} as a key) and the tags it puts on
 * instances, in EC2NodeClass (karpenter.k8s.aws v1beta1 and v1: {@code *SelectorTerms[].tags},
 * {@code spec.tags}) and the legacy AWSNodeTemplate (v1alpha1: {@code spec.*Selector} maps); and the
 * IAM role or instance profile its nodes launch with.
 */
public final class KarpenterNodeClasses {
  static final String GROUP = "karpenter.k8s.aws";
  public static final String DISCOVERY_TAG = "karpenter.sh/discovery";
  public static final String CLUSTER_TAG_PREFIX = "kubernetes.io/cluster/";
  private static final Set<String> KINDS = Set.of("EC2NodeClass", "AWSNodeTemplate");
  private static final List<String> SELECTOR_TERMS = List.of("subnetSelectorTerms", "securityGroupSelectorTerms", "amiSelectorTerms",
      "capacityReservationSelectorTerms");
  private static final List<String> SELECTOR_MAPS = List.of("subnetSelector", "securityGroupSelector", "amiSelector");
  /** The fields naming the IAM identity of the class's nodes. */
  static final List<String> IDENTITY_FIELDS = List.of("role", "instanceProfile");

  private KarpenterNodeClasses() {}

  public static boolean isNodeClass(KubeObject object) {
    return GROUP.equals(object.group()) && KINDS.contains(object.kind());
  }

  /** A tag map of the class and where it sits, for messages. */
  public record TagMap(String path, ObjectNode tags) {}

  /** Every tag map of the class: selector terms, legacy selectors and the instance tags. */
  public static List<TagMap> tagMaps(KubeObject nodeClass) {
    List<TagMap> out = new ArrayList<>();
    JsonNode spec = nodeClass.node().path("spec");
    for (String field : SELECTOR_TERMS) {
      JsonNode terms = spec.path(field);
      for (int i = 0; terms.isArray() && i < terms.size(); i++) {
        if (terms.get(i).path("tags") instanceof ObjectNode tags) {
          out.add(new TagMap("spec." + field + "[" + i + "].tags", tags));
        }
      }
    }
    for (String field : SELECTOR_MAPS) {
      if (spec.path(field) instanceof ObjectNode tags) {
        out.add(new TagMap("spec." + field, tags));
      }
    }
    if (spec.path("tags") instanceof ObjectNode tags) {
      out.add(new TagMap("spec.tags", tags));
    }
    return out;
  }

  /** The cluster names the class's tags mention: discovery tag values and cluster tag keys. */
  public static List<String> clusterNames(KubeObject nodeClass) {
    List<String> names = new ArrayList<>();
    for (TagMap map : tagMaps(nodeClass)) {
      map.tags().fields().forEachRemaining(e -> {
        if (e.getKey().equals(DISCOVERY_TAG) && e.getValue().isTextual()) {
          names.add(e.getValue().asText());
        } else if (e.getKey().startsWith(CLUSTER_TAG_PREFIX)) {
          names.add(e.getKey().substring(CLUSTER_TAG_PREFIX.length()));
        }
      });
    }
    return names;
  }
}
