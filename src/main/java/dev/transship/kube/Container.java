package dev.transship.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One container of a pod spec, editable in place. {@code field} is the list it sits in: {@code
 * containers}, {@code initContainers} or {@code ephemeralContainers}.
 */
public record Container(String field, ObjectNode node) {
  public String name() {
    return node.path("name").asText("");
  }

  public String image() {
    return node.path("image").asText("");
  }

  public void setImage(String image) {
    node.put("image", image);
  }

  /** "container web", "initContainer migrate", "ephemeralContainer debugger": for messages. */
  public String describe() {
    return field.substring(0, field.length() - 1) + " " + name();
  }

  /** Removes env entries with these names; returns the names removed, in order. */
  public List<String> removeEnv(Set<String> names) {
    List<String> removed = new ArrayList<>();
    PodTemplate.removeWhere(node, "env", e -> {
      boolean match = names.contains(e.path("name").asText());
      if (match) {
        removed.add(e.path("name").asText());
      }
      return match;
    });
    return removed;
  }

  /** Removes the mounts of volume {@code volume}. */
  public boolean removeVolumeMount(String volume) {
    return PodTemplate.removeWhere(node, "volumeMounts", m -> volume.equals(m.path("name").asText()));
  }
}
