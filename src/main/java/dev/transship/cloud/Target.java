package dev.transship.cloud;

import java.util.Locale;

/**
 * The kind of cluster a backup is meant to restore into: one answer for lint's {@code --target}
 * and the converters' {@code target} parameters.
 */
public enum Target {
  /** Google Kubernetes Engine: a cross-cloud move from EKS, or a project move. */
  GKE,
  /** Amazon EKS: a cluster replacement within AWS. */
  EKS,
  /** A replacement cluster of the same kind as the source (an upgrade). */
  SAME;

  /** @throws IllegalArgumentException naming the accepted values */
  public static Target parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("target must be gke, eks or same, not '" + text + "'");
    }
  }

  /** As the user writes it: gke, eks, same. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** As a message names it: "GKE", "EKS", "the target cluster". */
  public String displayName() {
    return this == SAME ? "the target cluster" : name();
  }
}
