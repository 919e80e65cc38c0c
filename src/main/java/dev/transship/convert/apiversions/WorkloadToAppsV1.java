package dev.transship.convert.apiversions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Deployments, DaemonSets, ReplicaSets and StatefulSets of extensions/v1beta1, apps/v1beta1 and
 * apps/v1beta2 to apps/v1. apps/v1 requires {@code spec.selector} (the betas defaulted it to the
 * template's labels, which is what it becomes here) and no longer has {@code spec.rollbackTo} or a
 * DaemonSet's {@code spec.templateGeneration}. Defaults that changed only matter for fields left
 * unset, and an object read from the API has them all set.
 */
final class WorkloadToAppsV1 implements SchemaChange {
  @Override
  public void apply(ObjectNode object, ConversionNotes notes) throws Unconvertible {
    if (!(object.path("spec") instanceof ObjectNode spec)) {
      return;
    }
    for (String gone : new String[] {"rollbackTo", "templateGeneration"}) {
      if (spec.remove(gone) != null) {
        notes.changed("spec." + gone + " removed (apps/v1 has no such field)");
      }
    }
    JsonNode selector = spec.path("selector");
    if (selector.isMissingNode() || selector.isNull()) {
      JsonNode labels = spec.path("template").path("metadata").path("labels");
      if (!labels.isObject() || labels.isEmpty()) {
        throw new Unconvertible("apps/v1 requires spec.selector, and the pod template has no labels to derive it from");
      }
      spec.putObject("selector").set("matchLabels", labels.deepCopy());
      notes.changed("spec.selector set to the template's labels (apps/v1 requires it; the beta defaulted it so)");
    }
  }
}
