package dev.transship.archive;

import java.nio.charset.StandardCharsets;

/**
 * Asks whether an item's stored JSON could hold a given name, without parsing it: how a rule that
 * only acts on objects carrying some name (a finalizer, a readiness gate, a Secret type) lets every
 * other item pass through as bytes. JSON may spell any character as a {@code \\u} escape, so an
 * item with one is always a maybe; Go's encoder, which wrote the item in Velero, escapes only
 * {@code <}, {@code >}, {@code &} and control characters, which names do not contain.
 */
public final class RawText {
  private RawText() {}

  /**
   * False only when {@code raw} certainly holds none of {@code names}, escaped or not. One pass over
   * the bytes in place, for the escape and every name at once: it runs on every item a rule's
   * resources could match.
   */
  public static boolean mayMention(byte[] raw, String... names) {
    return needles(names).mayBeIn(raw);
  }

  /** Names to look for, encoded once: for a check that runs per item. */
  public static Needles needles(String... names) {
    byte[][] encoded = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      encoded[i] = names[i].getBytes(StandardCharsets.UTF_8);
      if (encoded[i].length == 0) {
        throw new IllegalArgumentException("an empty name is in everything");
      }
    }
    return new Needles(encoded);
  }

  /** Encoded names, see {@link #needles}. */
  public static final class Needles {
    /** The names by their first byte: at each position only those that could start there are compared. */
    private final byte[][][] byFirstByte = new byte[256][][];

    private Needles(byte[][] names) {
      for (byte[] name : names) {
        byte[][] same = byFirstByte[name[0] & 0xff];
        byte[][] grown = same == null ? new byte[1][] : java.util.Arrays.copyOf(same, same.length + 1);
        grown[grown.length - 1] = name;
        byFirstByte[name[0] & 0xff] = grown;
      }
    }

    /** False only when {@code raw} certainly holds none of the names, escaped or not. */
    public boolean mayBeIn(byte[] raw) {
      int n = raw.length;
      for (int i = 0; i < n; i++) {
        int b = raw[i] & 0xff;
        if (b == '\\' && i + 1 < n && raw[i + 1] == 'u') {
          return true;
        }
        byte[][] candidates = byFirstByte[b];
        if (candidates != null) {
          for (byte[] name : candidates) {
            if (at(raw, i, name)) {
              return true;
            }
          }
        }
      }
      return false;
    }

    private static boolean at(byte[] raw, int from, byte[] name) {
      if (from + name.length > raw.length) {
        return false;
      }
      for (int j = 1; j < name.length; j++) {
        if (raw[from + j] != name[j]) {
          return false;
        }
      }
      return true;
    }
  }
}
