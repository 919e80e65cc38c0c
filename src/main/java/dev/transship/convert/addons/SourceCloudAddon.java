package dev.transship.convert.addons;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.ContainerFlags;
import dev.transship.kube.KubeObject;
import dev.transship.rules.RuleMatch;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A component the source cloud runs in the cluster (an EKS add-on, an AWS controller) and how to
 * recognise its objects: a whole namespace of its own, names in kube-system or of its cluster-wide
 * RBAC and CSIDriver, the {@code app.kubernetes.io/name} (or {@code k8s-app}) label its chart sets,
 * the image repository of its containers, the Service its admission webhooks call, and, for a
 * program that serves many clouds (the Cluster Autoscaler), the flag that points it at AWS.
 *
 * @param reason why the target has no use for it, for the finding
 * @param hint what replaces it on the target
 * @param flags programs that are this component only when run with one of these flag values
 */
record SourceCloudAddon(String name, String reason, String hint, Set<String> namespaces, List<Pattern> names,
    Set<String> labelValues, List<String> images, Set<String> webhookServices, List<ProgramFlag> flags) {
  SourceCloudAddon(String name, String reason, String hint, Set<String> namespaces, List<Pattern> names,
      Set<String> labelValues, List<String> images, Set<String> webhookServices) {
    this(name, reason, hint, namespaces, names, labelValues, images, webhookServices, List.of());
  }

  /**
   * A container runs {@code program} (the last segment of its image repository, or the file its
   * command starts) with {@code flag} set to one of {@code values}, as {@code --flag=value} or as
   * {@code --flag value}, in its command or args.
   */
  record ProgramFlag(String program, String flag, Set<String> values) {
    /** The value this container sets the flag to, when it is one of {@code values}; else null. */
    String valueIn(JsonNode container) {
      return ContainerFlags.in(container, flag).stream().map(ContainerFlags.Flag::value).filter(values::contains).findFirst().orElse(null);
    }

    /** Whether the container runs {@code program} with the flag set to one of {@code values}. */
    boolean runBy(JsonNode container) {
      return programs(Images.repository(container.path("image").asText("")), container).contains(program) && valueIn(container) != null;
    }
  }

  /** The programs a container may be: its image repository's last segment and the file its command starts. */
  static List<String> programs(String repository, JsonNode container) {
    String image = repository.substring(repository.lastIndexOf('/') + 1);
    String command = container.path("command").path(0).asText("");
    command = command.substring(command.lastIndexOf('/') + 1);
    return command.isEmpty() || command.equals(image) ? List.of(image) : List.of(image, command);
  }
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

  /** Whether the object's metadata (not its pod templates: see {@link SourceCloudAddons#of}) mark it as this component's, and by what. */
  String recognise(Seen object) {
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
    for (int i = 0; i < NAME_LABELS.size(); i++) {
      String value = object.nameLabels()[i];
      if (value != null && labelValues.contains(value)) {
        return "labelled " + NAME_LABELS.get(i) + "=" + value;
      }
    }
    return null;
  }

  /**
   * What {@link #recognise} looks at, read from the object once for the whole catalogue.
   *
   * @param nameLabels the values of {@link #NAME_LABELS}, in order, null where absent
   */
  record Seen(String kind, String group, String namespace, String name, String[] nameLabels) {
    static Seen of(KubeObject object) {
      String[] labels = new String[NAME_LABELS.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = object.label(NAME_LABELS.get(i));
      }
      return new Seen(object.kind(), object.group(), object.namespace(), object.name(), labels);
    }
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
