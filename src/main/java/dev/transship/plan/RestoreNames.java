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
    String name = backupName + "-" + stage;
    if (name.length() <= 63) {
      return name;
    }
    String hash = sha(name).substring(0, 8);
    String tail = "-" + stage + "-" + hash;
    return (backupName.substring(0, Math.max(1, 63 - tail.length())) + tail).replaceAll("[-.]+-", "-");
  }

  private static String sha(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
