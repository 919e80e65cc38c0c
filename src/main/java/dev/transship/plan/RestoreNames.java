package dev.transship.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names for the Velero Restore of each stage. Velero copies the Restore name into the label
 * {@code velero.io/restore-name} of every restored object, so it must fit a label value (63).
 */
public final class RestoreNames {
  private RestoreNames() {}

  public static String of(String backupName, String stage) {
    return fit(backupName, "-" + stage);
  }

  /**
   * The name of one attempt at a stage's Restore, {@code <plan>-<stage>-<attempt>}: deterministic,
   * so a resumed run finds (and adopts) the Restore an earlier run created instead of adding a
   * second one; a new attempt after a failure gets a new name, as Velero needs.
   */
  public static String attempt(String planName, String stage, int attempt) {
    return fit(planName, "-" + stage + "-" + attempt);
  }

  /** prefix + suffix, or, past 63 characters, the prefix cut short with a hash of the whole before the suffix. */
  private static String fit(String prefix, String suffix) {
    String name = prefix + suffix;
    if (name.length() <= 63) {
      return name;
    }
    String tail = suffix + "-" + sha(name).substring(0, 8);
    return (prefix.substring(0, Math.max(1, 63 - tail.length())) + tail).replaceAll("[-.]+-", "-");
  }

  private static String sha(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
