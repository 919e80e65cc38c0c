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

  /** False only when {@code raw} certainly holds none of {@code names}, escaped or not. */
  public static boolean mayMention(byte[] raw, String... names) {
    String text = new String(raw, StandardCharsets.ISO_8859_1); // one byte per char, so indexOf runs on bytes
    if (text.contains("\\u")) {
      return true;
    }
    for (String name : names) {
      if (text.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
