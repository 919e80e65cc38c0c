package dev.transship.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The PVC templates inside an object, from which claims are made on the target: a StatefulSet's
 * {@code spec.volumeClaimTemplates}, and the generic ephemeral volumes ({@code
 * volumes[].ephemeral.volumeClaimTemplate}) of every pod spec {@link PodTemplates} finds. The storage
 * converter maps their classes and lint judges them; both ask here, so they see the same claims.
 */
public final class ClaimTemplates {
  private ClaimTemplates() {}

  /**
   * One claim template: {@code template} holds its {@code metadata} and {@code spec}; {@code name}
   * is the template's (a StatefulSet's) or the volume's (an ephemeral volume's); {@code where} is
   * the path for messages ({@code volumeClaimTemplates[data]}, {@code spec.template.spec.volumes[scratch]}).
   */
  public record ClaimTemplate(String where, String name, boolean ephemeral, ObjectNode template) {
    /** The claim spec, editable in place, or null when the template has none. */
    public ObjectNode spec() {
      return template.get("spec") instanceof ObjectNode spec ? spec : null;
    }

    /** {@code spec.storageClassName}, or "" when unset. */
    public String storageClassName() {
      return template.path("spec").path("storageClassName").asText("");
    }

    /** The template's own annotation {@code key}, or null. */
    public String annotation(String key) {
      JsonNode value = template.path("metadata").path("annotations").path(key);
      return value.isTextual() ? value.asText() : null;
    }

    /** "volume claim template data", "ephemeral volume scratch": for messages. */
    public String describe() {
      return (ephemeral ? "ephemeral volume " : "volume claim template ") + name;
    }
  }

  /** The object's claim templates: a StatefulSet's first, then the ephemeral volumes of its pod specs. */
  public static List<ClaimTemplate> in(KubeObject object) {
    List<ClaimTemplate> out = new ArrayList<>();
    if ("apps".equals(object.group()) && "StatefulSet".equals(object.kind())) {
      JsonNode templates = object.node().path("spec").path("volumeClaimTemplates");
      for (int i = 0; i < templates.size(); i++) {
        if (templates.get(i) instanceof ObjectNode template) {
          String name = template.path("metadata").path("name").asText(String.valueOf(i));
          out.add(new ClaimTemplate("volumeClaimTemplates[" + name + "]", name, false, template));
        }
      }
    }
    for (PodTemplate pod : PodTemplates.in(object)) {
      for (ObjectNode volume : pod.volumes()) {
        if (volume.path("ephemeral").path("volumeClaimTemplate") instanceof ObjectNode template) {
          String name = volume.path("name").asText();
          out.add(new ClaimTemplate(pod.path() + ".volumes[" + name + "]", name, true, template));
        }
      }
    }
    return out;
  }
}
