package dev.transship.convert.apiversions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * PodDisruptionBudget policy/v1beta1 to policy/v1: the same fields, one changed meaning. An empty
 * {@code spec.selector} ({}) selected no pod in v1beta1 and selects every pod of the namespace in v1,
 * where a budget that protected nothing would start blocking evictions (node drains, upgrades) of
 * every pod. Such a budget did nothing in the source, so it is not restored; an unset selector
 * selects nothing in both versions and converts as it is.
 */
final class PdbToV1 implements SchemaChange {
  @Override
  public void apply(ObjectNode object, ConversionNotes notes) {
    JsonNode selector = object.path("spec").path("selector");
    if (selector.isObject() && isEmpty(selector)) {
      notes.drop("its empty spec.selector selected no pod under policy/v1beta1, and under policy/v1 it would select every pod "
          + "in the namespace and hold up their evictions; it protected nothing, so it is not restored");
    }
  }

  private static boolean isEmpty(JsonNode selector) {
    return selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
  }
}
