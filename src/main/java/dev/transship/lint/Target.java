package dev.transship.lint;

import java.util.Locale;

/** The kind of cluster a backup is meant to restore into. */
public enum Target {
  /** Google Kubernetes Engine: a cross-cloud move from EKS, or a project move. */
  GKE,
  /** Amazon EKS: a cluster replacement within AWS. */
  EKS,
  /** A replacement cluster of the same kind as the source (an upgrade). */
  SAME;

  public static Target parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
