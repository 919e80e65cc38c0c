package dev.transship.plan;

import java.util.Locale;

/** Whether a CronJob may run in the old and the new cluster at the same time. */
public enum DuplicationPolicy {
  /** Safe to run twice: restored with the other workloads. */
  ALLOWED,
  /** Must run in exactly one cluster: cut over in a set (suspend in the source, wait, restore). */
  FORBIDDEN,
  /** Already suspended in the source: restored suspended, nothing to cut over. */
  DISABLED;

  public static final String LABEL = "transship.dev/duplication";
  public static final String CUTOVER_SET_LABEL = "transship.dev/cutover-set";

  /** @throws IllegalArgumentException for anything but allowed, forbidden, disabled */
  public static DuplicationPolicy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duplication policy (allowed, forbidden or disabled)");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
