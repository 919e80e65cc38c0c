package dev.transship.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The HTML report's packed rows (gzip and base64 in {@code <script type="text/plain">}), unpacked:
 * a search of the page's text for a value that must not be there would otherwise prove nothing.
 */
public final class ReportPages {
  private static final Pattern PACKED = Pattern.compile("<script type=\"text/plain\" id=\"[^\"]+\">([^<]*)</script>");

  private ReportPages() {}

  /** Every packed group of {@code html}, unpacked, one per line; empty when the page has none. */
  public static String unpacked(String html) {
    StringBuilder all = new StringBuilder();
    Matcher m = PACKED.matcher(html);
    while (m.find()) {
      try (var in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1).trim())))) {
        all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException("a packed group does not unpack: " + e.getMessage(), e);
      }
    }
    return all.toString();
  }

  /** The page with its packed rows unpacked after it: all a reader could see. */
  public static String readable(String html) {
    return html + "\n" + unpacked(html);
  }
}
