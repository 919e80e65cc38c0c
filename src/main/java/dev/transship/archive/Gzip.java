package dev.transship.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * gzip for Velero's {@code .json.gz} side files. Not all small: the resource list of a 1 GiB backup
 * is megabytes, compressed at the very end, so it goes through the tarball's deflate, a member per
 * megabyte: a native compressor's buffers stay the size of a tarball chunk.
 */
public final class Gzip {
  private Gzip() {}

  private static final int MEMBER_BYTES = 1 << 20;

  public static byte[] compress(byte[] data) {
    if (data.length <= MEMBER_BYTES) {
      return GzipMember.compress(data, data.length, 6);
    }
    var out = new java.io.ByteArrayOutputStream(data.length / 8);
    for (int from = 0; from < data.length; from += MEMBER_BYTES) {
      byte[] slice = java.util.Arrays.copyOfRange(data, from, Math.min(data.length, from + MEMBER_BYTES));
      out.writeBytes(GzipMember.compress(slice, slice.length, 6));
    }
    return out.toByteArray();
  }

  public static byte[] decompress(byte[] data) throws IOException {
    try (var gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return gz.readAllBytes();
    }
  }
}
