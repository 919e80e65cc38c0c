package dev.transship.convert.finalizers;

import dev.transship.convert.finalizers.ControllerFinalizer.Cloud;
import java.util.Locale;

/** Which controllers the target cluster runs: GKE's, EKS's, or the same as the source's. */
enum TargetCluster {
  GKE,
  EKS,
  SAME;

  static TargetCluster parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("target must be gke, eks or same, not '" + text + "'");
    }
  }

  /** Whether the controller that owns finalizers of {@code cloud} is missing in this target. */
  boolean lacks(Cloud cloud) {
    return (this == GKE && cloud == Cloud.AWS) || (this == EKS && cloud == Cloud.GKE);
  }

  String label() {
    return this == GKE ? "GKE" : this == EKS ? "EKS" : "the target cluster";
  }
}
