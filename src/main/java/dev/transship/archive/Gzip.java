package dev.transship.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip for Velero's small {@code .json.gz} side files. */
public final class Gzip {
  private Gzip() {}

  public static byte[] compress(byte[] data) {
    var out = new ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] decompress(byte[] data) throws IOException {
    try (var gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return gz.readAllBytes();
    }
  }
}
