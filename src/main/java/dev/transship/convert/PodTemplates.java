package dev.transship.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the pod spec inside every kind that holds one: a Pod itself, the template of Deployments,
 * StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers and Jobs, and a CronJob's job
 * template.
 */
public final class PodTemplates {
  private static final Map<String, String> POD_SPEC_PATH = Map.of(
      "Pod", "/spec",
      "Deployment", "/spec/template/spec",
      "StatefulSet", "/spec/template/spec",
      "DaemonSet", "/spec/template/spec",
      "ReplicaSet", "/spec/template/spec",
      "ReplicationController", "/spec/template/spec",
      "Job", "/spec/template/spec",
      "CronJob", "/spec/jobTemplate/spec/template/spec");
  private static final String[] CONTAINER_LISTS = {"initContainers", "containers", "ephemeralContainers"};

  private PodTemplates() {}

  /** The pod spec of an object, or null when its kind holds none. */
  public static ObjectNode podSpec(KubeObject object) {
    String path = POD_SPEC_PATH.get(object.kind());
    if (path == null) {
      return null;
    }
    JsonNode spec = object.node().at(path);
    return spec instanceof ObjectNode o ? o : null;
  }

  /** The pod template's metadata (annotations such as backup.velero.io/backup-volumes), or the Pod's own. */
  public static JsonNode podMetadata(KubeObject object) {
    String path = POD_SPEC_PATH.get(object.kind());
    if (path == null) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    return object.node().at(path.substring(0, path.length() - "spec".length()) + "metadata");
  }

  /** Every container, init container and ephemeral container of the object's pod spec. */
  public static List<ObjectNode> containers(KubeObject object) {
    List<ObjectNode> out = new ArrayList<>();
    ObjectNode spec = podSpec(object);
    if (spec == null) {
      return out;
    }
    for (String list : CONTAINER_LISTS) {
      for (JsonNode c : spec.path(list)) {
        if (c instanceof ObjectNode container) {
          out.add(container);
        }
      }
    }
    return out;
  }
}
