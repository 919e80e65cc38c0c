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
   * False only when {@code raw} certainly holds none of {@code names}, escaped or not. It runs on
   * every item a rule's resources could match.
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
    /** Each name's UTF-8 bytes as the chars of a Latin-1 string, so a byte search is a String search. */
    private final String[] names;

    private Needles(byte[][] encoded) {
      names = new String[encoded.length];
      for (int i = 0; i < encoded.length; i++) {
        names[i] = new String(encoded[i], StandardCharsets.ISO_8859_1);
      }
    }

    /** False only when {@code raw} certainly holds none of the names, escaped or not. */
    public boolean mayBeIn(byte[] raw) {
      return mayBeIn(new Latin1(raw));
    }

    /** The same question of an item, whose text view the rules asking after this one reuse. */
    public boolean mayBeIn(RawItem item) {
      return mayBeIn(item.latin1());
    }

    private boolean mayBeIn(Latin1 text) {
      if (text.escaped) {
        return true;
      }
      for (String name : names) {
        if (text.chars.indexOf(name) >= 0) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * An item's bytes as a Latin-1 string: one char per byte, stored compactly, and searched by the
   * JIT's vectorised {@link String#indexOf}, several times faster than a loop over the bytes.
   */
  static final class Latin1 {
    private final String chars;
    private final boolean escaped;

    Latin1(byte[] raw) {
      this.chars = new String(raw, StandardCharsets.ISO_8859_1);
      this.escaped = chars.indexOf("\\u") >= 0;
    }
  }
}
