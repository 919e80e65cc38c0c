package dev.transship.convert.upgrade;

import java.util.regex.Pattern;

/**
 * Appends a per-cluster suffix to an AWS-side name that must differ between the old and the new
 * cluster (ALB IngressGroup names, load balancer names, App Mesh names), shortening the base when
 * the result would exceed the name's limit.
 */
record NameSuffix(String suffix) {
  /** Lower-case letters, digits and hyphens, not ending in a hyphen: valid in every name it is appended to. */
  private static final Pattern VALID = Pattern.compile("[-a-z0-9]*[a-z0-9]");

  /** A suffixed name; {@code shortened} when the base had to be cut to fit. */
  record Suffixed(String name, boolean shortened) {}

  /** The suffix from a converter parameter; empty means "do not rename". */
  static NameSuffix parse(String parameter, String value) {
    String suffix = value == null ? "" : value.trim();
    if (!suffix.isEmpty() && !VALID.matcher(suffix).matches()) {
      throw new IllegalArgumentException(parameter + " '" + suffix
          + "' must be lower-case letters, digits and hyphens, and must not end with a hyphen (e.g. -green)");
    }
    return new NameSuffix(suffix);
  }

  boolean isEmpty() {
    return suffix.isEmpty();
  }

  /** {@code base + suffix}, with {@code base} cut (and trailing '-' or '.' trimmed) to fit {@code maxLength}. */
  Suffixed append(String base, int maxLength) {
    if (base.length() + suffix.length() <= maxLength) {
      return new Suffixed(base + suffix, false);
    }
    String cut = base.substring(0, Math.max(0, maxLength - suffix.length())).replaceAll("[-.]+$", "");
    return new Suffixed(cut + suffix, true);
  }
}
