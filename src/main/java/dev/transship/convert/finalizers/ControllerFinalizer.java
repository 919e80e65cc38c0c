package dev.transship.convert.finalizers;

import dev.transship.cloud.Target;

/**
 * A finalizer some controller puts on the objects it manages (cloud-mapping.md §2).
 *
 * @param glob the finalizer name, {@code *} where it varies (group name, ACK service)
 * @param controller who sets it, for the finding
 * @param cloud whose clusters run that controller
 */
record ControllerFinalizer(FinalizerGlob glob, String controller, Cloud cloud) {
  /** Where a controller runs; {@code ANY} for the generic cloud-provider service controller. */
  enum Cloud {
    AWS,
    GKE,
    ANY;

    /** Whether the controllers of this cloud are missing in {@code target}. */
    boolean missingIn(Target target) {
      return (target == Target.GKE && this == AWS) || (target == Target.EKS && this == GKE);
    }
  }

  static ControllerFinalizer aws(String glob, String controller) {
    return new ControllerFinalizer(FinalizerGlob.of(glob), controller, Cloud.AWS);
  }

  static ControllerFinalizer gke(String glob, String controller) {
    return new ControllerFinalizer(FinalizerGlob.of(glob), controller, Cloud.GKE);
  }

  static ControllerFinalizer any(String glob, String controller) {
    return new ControllerFinalizer(FinalizerGlob.of(glob), controller, Cloud.ANY);
  }
}
