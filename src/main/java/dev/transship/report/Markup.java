package dev.transship.report;

/** Escaping for HTML and XML text and attribute values. */
public final class Markup {
  private Markup() {}

  /** Escapes markup characters and drops control characters XML 1.0 cannot carry. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '&': out.append("&amp;"); break;
        case '"': out.append("&quot;"); break;
        case '\'': out.append("&#39;"); break;
        default:
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            out.append(c);
          }
      }
    }
    return out.toString();
  }
}
