package dev.transship.report;

/** Escaping for HTML and XML text and attribute values. */
public final class Markup {
  private Markup() {}

  /** Escapes markup characters and drops every character XML 1.0 cannot carry (controls, U+FFFE, lone surrogates). */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (xmlChar(c)) {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }

  /** The Char production of XML 1.0; a lone surrogate arrives here as its own code point and fails it. */
  private static boolean xmlChar(int c) {
    return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
  }

  /**
   * Text safe for a terminal or a log line: control characters (C0, DEL, C1), which could move the
   * cursor or retitle a terminal, become {@code \}uXXXX. Newlines too, so one finding stays one line.
   */
  public static String printable(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
          || c == 0x2028 || c == 0x2029;
      if (control && out == null) {
        out = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (out != null) {
        if (control) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }
}
