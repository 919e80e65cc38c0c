package dev.transship.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Finds the pod specs inside an object: the Pod itself, a workload's {@code spec.template}, a
 * CronJob's {@code spec.jobTemplate.spec.template}, a PodTemplate's {@code template}. The kinds are
 * the ones Velero's change-image-name action covers (velero.md §5.2) plus PodTemplate; a custom
 * resource that happens to be called Job is not one of them.
 */
public final class PodTemplates {
  /** "group/Kind" -> the fields leading to the object holding {@code metadata} and {@code spec}. */
  private static final Map<String, List<String>> PATHS = Map.ofEntries(
      Map.entry("/Pod", List.of()),
      Map.entry("/PodTemplate", List.of("template")),
      Map.entry("/ReplicationController", List.of("spec", "template")),
      Map.entry("apps/Deployment", List.of("spec", "template")),
      Map.entry("apps/StatefulSet", List.of("spec", "template")),
      Map.entry("apps/DaemonSet", List.of("spec", "template")),
      Map.entry("apps/ReplicaSet", List.of("spec", "template")),
      Map.entry("extensions/Deployment", List.of("spec", "template")),
      Map.entry("extensions/DaemonSet", List.of("spec", "template")),
      Map.entry("extensions/ReplicaSet", List.of("spec", "template")),
      Map.entry("batch/Job", List.of("spec", "template")),
      Map.entry("batch/CronJob", List.of("spec", "jobTemplate", "spec", "template")));

  private PodTemplates() {}

  /** Whether objects of this kind hold a pod spec at all. */
  public static boolean holdsPods(KubeObject object) {
    return PATHS.containsKey(object.group() + "/" + object.kind());
  }

  /** The pod specs of the object, editable in place; empty for kinds that hold none. */
  public static List<PodTemplate> in(KubeObject object) {
    List<String> fields = PATHS.get(object.group() + "/" + object.kind());
    if (fields == null) {
      return List.of();
    }
    JsonNode holder = object.node();
    for (String field : fields) {
      holder = holder.path(field);
    }
    if (!(holder instanceof ObjectNode template) || !template.path("spec").isObject()) {
      return List.of();
    }
    return List.of(new PodTemplate(fields.isEmpty() ? "spec" : String.join(".", fields) + ".spec", template));
  }

  /** The pod spec of the object (the first, for kinds that hold one), or null. */
  public static ObjectNode podSpec(KubeObject object) {
    List<PodTemplate> templates = in(object);
    return templates.isEmpty() ? null : templates.get(0).spec();
  }

  /** Every container (init, regular, ephemeral) of every pod spec in the object, as JSON to read or edit. */
  public static List<ObjectNode> containerNodes(KubeObject object) {
    return in(object).stream().flatMap(t -> t.containers().stream()).map(Container::node).toList();
  }

  /** Visits every container (init, regular, ephemeral) of every pod spec in the object. */
  public static void forEachContainer(KubeObject object, BiConsumer<PodTemplate, Container> visitor) {
    for (PodTemplate template : in(object)) {
      for (Container container : template.containers()) {
        visitor.accept(template, container);
      }
    }
  }
}
