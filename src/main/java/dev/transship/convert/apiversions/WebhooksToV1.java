package dev.transship.convert.apiversions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validating and mutating webhook configurations admissionregistration v1beta1 to v1. v1 requires
 * each webhook's {@code sideEffects} to be None or NoneOnDryRun (whether a webhook with Unknown or
 * Some side effects is safe on dry runs only its owner knows) and {@code admissionReviewVersions},
 * which v1beta1 defaulted to [v1beta1]: that default is written out, so the webhook keeps receiving
 * the review version it understands.
 */
final class WebhooksToV1 implements SchemaChange {
  @Override
  public void apply(ObjectNode object, ConversionNotes notes) throws Unconvertible {
    JsonNode webhooks = object.path("webhooks");
    for (int i = 0; i < webhooks.size(); i++) {
      if (!(webhooks.get(i) instanceof ObjectNode webhook)) {
        continue;
      }
      String sideEffects = webhook.path("sideEffects").asText("");
      if (!sideEffects.equals("None") && !sideEffects.equals("NoneOnDryRun")) {
        throw new Unconvertible("webhook '" + webhook.path("name").asText() + "' has sideEffects '" + sideEffects
            + "'; v1 accepts only None or NoneOnDryRun, and which one is true only the webhook's owner knows");
      }
      JsonNode versions = webhook.path("admissionReviewVersions");
      if (!versions.isArray() || versions.isEmpty()) {
        webhook.putArray("admissionReviewVersions").add("v1beta1");
        notes.changed("admissionReviewVersions [v1beta1] written out (v1 requires it; v1beta1 defaulted to it)");
      }
    }
  }
}
