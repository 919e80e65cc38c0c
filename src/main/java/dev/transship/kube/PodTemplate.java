package dev.transship.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One pod spec found by {@link PodTemplates}: {@code holder} is the object that carries {@code
 * metadata} and {@code spec} (the Pod itself, or a template), {@code path} where the spec sits, for
 * messages ("spec.template.spec").
 */
public record PodTemplate(String path, ObjectNode holder) {
  /** The container lists of a pod spec, in the order the kubelet starts them. */
  public static final List<String> CONTAINER_FIELDS = List.of("initContainers", "containers", "ephemeralContainers");

  public ObjectNode spec() {
    return (ObjectNode) holder.get("spec");
  }

  /** The pod's annotations (a template's own, not its workload's). */
  public Map<String, String> annotations() {
    return metadataMap("annotations");
  }

  /** The pod's labels (a template's own, not its workload's). */
  public Map<String, String> labels() {
    return metadataMap("labels");
  }

  private Map<String, String> metadataMap(String field) {
    Map<String, String> out = new LinkedHashMap<>();
    holder.path("metadata").path(field).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** Removes a pod annotation; drops the emptied map. */
  public boolean removeAnnotation(String key) {
    if (!(holder.path("metadata").path("annotations") instanceof ObjectNode annotations) || !annotations.has(key)) {
      return false;
    }
    annotations.remove(key);
    if (annotations.isEmpty()) {
      ((ObjectNode) holder.get("metadata")).remove("annotations");
    }
    return true;
  }

  /** Every container of the spec: init containers, containers, ephemeral containers. */
  public List<Container> containers() {
    List<Container> out = new ArrayList<>();
    for (String field : CONTAINER_FIELDS) {
      for (JsonNode c : spec().path(field)) {
        if (c instanceof ObjectNode container) {
          out.add(new Container(field, container));
        }
      }
    }
    return out;
  }

  /** The entries of {@code spec.volumes}. */
  public List<ObjectNode> volumes() {
    List<ObjectNode> out = new ArrayList<>();
    spec().path("volumes").forEach(v -> {
      if (v instanceof ObjectNode volume) {
        out.add(volume);
      }
    });
    return out;
  }

  /** The volume called {@code name}, or null. */
  public ObjectNode volume(String name) {
    return volumes().stream().filter(v -> name.equals(v.path("name").asText())).findFirst().orElse(null);
  }

  /** Removes the volume called {@code name} and every container's mounts of it. */
  public boolean removeVolume(String name) {
    boolean removed = removeWhere(spec(), "volumes", v -> name.equals(v.path("name").asText()));
    for (Container container : containers()) {
      container.removeVolumeMount(name);
    }
    return removed;
  }

  /** Removes {@code spec.<field>} entries matching {@code test}; drops the emptied list. */
  static boolean removeWhere(ObjectNode parent, String field, Predicate<JsonNode> test) {
    if (!(parent.get(field) instanceof ArrayNode list)) {
      return false;
    }
    boolean removed = false;
    for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
      if (test.test(it.next())) {
        it.remove();
        removed = true;
      }
    }
    if (list.isEmpty()) {
      parent.remove(field);
    }
    return removed;
  }
}
