package dev.transship.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a stage is for, as far as the plan's steps care: steps hang off a role, not a stage's name,
 * so a pack that renames its stages keeps them. A built-in stage name gives its role by default.
 */
public enum StageRole {
  /** Configuration objects: fresh registry pull secrets are minted before it. */
  CONFIG,
  /** Ingresses and certificates: a bridge certificate must be uploaded before it. */
  TRAFFIC;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role a stage of this name has when its definition names none (the built-in stage names). */
  public static Optional<StageRole> byDefault(String stageName) {
    return parse(stageName);
  }

  public static Optional<StageRole> parse(String label) {
    return Arrays.stream(values()).filter(r -> r.label().equals(label)).findFirst();
  }

  /** "config, traffic", for error messages. */
  public static String labels() {
    return Arrays.stream(values()).map(StageRole::label).collect(Collectors.joining(", "));
  }
}
