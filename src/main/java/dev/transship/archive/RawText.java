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

  private static final byte[] ESCAPE = {'\\', 'u'};

  /**
   * False only when {@code raw} certainly holds none of {@code names}, escaped or not. Searches the
   * bytes in place: it runs on every item a rule's resources could match.
   */
  public static boolean mayMention(byte[] raw, String... names) {
    if (contains(raw, ESCAPE)) {
      return true;
    }
    for (String name : names) {
      if (contains(raw, name.getBytes(StandardCharsets.UTF_8))) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(byte[] text, byte[] needle) {
    outer:
    for (int i = 0; i <= text.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (text[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
