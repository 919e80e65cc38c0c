package dev.transship.convert.addons;

import dev.transship.kube.KubeObject;
import dev.transship.rules.RuleMatch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A component the source cloud runs in the cluster (an EKS add-on, an AWS controller) and how to
 * recognise its objects: a whole namespace of its own, names in kube-system or of its cluster-wide
 * RBAC and CSIDriver, the {@code app.kubernetes.io/name} (or {@code k8s-app}) label its chart sets,
 * the image repository of its containers, and the Service its admission webhooks call.
 *
 * @param reason why the target has no use for it, for the finding
 * @param hint what replaces it on the target
 */
record SourceCloudAddon(String name, String reason, String hint, Set<String> namespaces, List<Pattern> names,
    Set<String> labelValues, List<String> images, Set<String> webhookServices) {
  /** Labels Helm charts and EKS add-on manifests put on every object of the component. */
  private static final List<String> NAME_LABELS = List.of("app.kubernetes.io/name", "k8s-app", "app");
  /** Cluster-scoped kinds a component's name marks as its own; other cluster-scoped kinds are never judged by name. */
  private static final Set<String> NAMED_CLUSTER_KINDS = Set.of("ClusterRole", "ClusterRoleBinding", "CSIDriver", "PriorityClass");
  static final String KUBE_SYSTEM = "kube-system";
  /**
   * Kinds other converters decide on, whatever chart made them: IngressClasses (albIngressToGce),
   * CRDs (dropAwsOnlyObjects), storage and snapshot classes (storageClassMap).
   */
  private static final Set<String> DECIDED_ELSEWHERE = Set.of("IngressClass", "CustomResourceDefinition", "StorageClass",
      "VolumeSnapshotClass", "VolumeAttributesClass");

  /** Whether the object (not a pod template: see {@link #runsImage}) belongs to this component, and by what. */
  String recognise(KubeObject object) {
    if (DECIDED_ELSEWHERE.contains(object.kind())) {
      return null;
    }
    String namespace = object.namespace();
    if (namespace != null && namespaces.contains(namespace)) {
      return "in namespace " + namespace;
    }
    if ("Namespace".equals(object.kind()) && object.group().isEmpty() && namespaces.contains(object.name())) {
      return "its namespace";
    }
    boolean byName = KUBE_SYSTEM.equals(namespace)
        || (namespace == null || namespace.isEmpty()) && NAMED_CLUSTER_KINDS.contains(object.kind());
    if (byName && names.stream().anyMatch(p -> p.matcher(object.name()).matches())) {
      return "named " + object.name();
    }
    Map<String, String> labels = object.labels();
    for (String label : NAME_LABELS) {
      String value = labels.get(label);
      if (value != null && labelValues.contains(value)) {
        return "labelled " + label + "=" + value;
      }
    }
    return null;
  }

  /** Whether the image (registry/repository:tag) is one of this component's. */
  boolean runsImage(String image) {
    String repository = Images.repository(image);
    return images.stream().anyMatch(suffix -> repository.equals(suffix) || repository.endsWith("/" + suffix));
  }

  /** Whether a webhook's {@code clientConfig.service} ({@code namespace/name}) is this component's. */
  boolean servesWebhook(String namespace, String service) {
    return webhookServices.contains(service) || webhookServices.contains(namespace + "/" + service);
  }

  static List<Pattern> globs(String... globs) {
    return java.util.Arrays.stream(globs).map(RuleMatch::glob).toList();
  }

  /** Image references without registry host or tag, as the catalogue names them. */
  static final class Images {
    private Images() {}

    /** {@code 602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.18.3} -> {@code amazon-k8s-cni}, keeping inner path segments. */
    static String repository(String image) {
      String ref = image;
      int digest = ref.indexOf('@');
      if (digest >= 0) {
        ref = ref.substring(0, digest);
      }
      int slash = ref.lastIndexOf('/');
      int colon = ref.lastIndexOf(':');
      if (colon > slash) {
        ref = ref.substring(0, colon);
      }
      int first = ref.indexOf('/');
      if (first > 0) {
        String host = ref.substring(0, first);
        if (host.contains(".") || host.contains(":") || host.equals("localhost")) {
          ref = ref.substring(first + 1);
        }
      }
      return ref;
    }
  }
}
