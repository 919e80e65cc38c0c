package dev.transship.kube;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The storage class a claim asks for, as Kubernetes reads it (GetPersistentVolumeClaimClass in
 * k8s.io/component-helpers/storage/volume): the legacy annotation when it is set, even to "", else
 * {@code spec.storageClassName}. A PVC and a claim template carry the same metadata and spec, so
 * lint and convert ask here for both, and judge the class the claim will get.
 */
public final class ClaimClass {
  /** The class a claim named before spec.storageClassName; the API server still honours it first, on claim templates too. */
  public static final String LEGACY_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

  private ClaimClass() {}

  /** The class of a claim or claim template ({@code metadata} and {@code spec}); "" for none. */
  public static String of(JsonNode claim) {
    JsonNode legacy = claim.path("metadata").path("annotations").path(LEGACY_ANNOTATION);
    if (legacy.isTextual()) {
      return legacy.asText();
    }
    return claim.path("spec").path("storageClassName").asText("");
  }
}
