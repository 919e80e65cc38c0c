package dev.transship.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * gzip for Velero's {@code .json.gz} side files. Not all small: the resource list of a 1 GiB backup
 * is megabytes, compressed at the very end, so it goes through the tarball's deflate.
 */
public final class Gzip {
  private Gzip() {}

  public static byte[] compress(byte[] data) {
    return GzipMember.compress(data, data.length, 6);
  }

  public static byte[] decompress(byte[] data) throws IOException {
    try (var gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return gz.readAllBytes();
    }
  }
}
