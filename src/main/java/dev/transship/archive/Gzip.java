package dev.transship.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * gzip for Velero's {@code .json.gz} side files. Not all small: the resource list of a 1 GiB backup
 * is megabytes, compressed at the very end, so it goes through the tarball's deflate, a member per
 * megabyte, the members in parallel.
 */
public final class Gzip {
  private Gzip() {}

  private static final int MEMBER_BYTES = 1 << 20;

  public static byte[] compress(byte[] data) {
    if (data.length <= MEMBER_BYTES) {
      return GzipMember.compress(data, data.length, 6);
    }
    // Members compress independently: on every core, joined in order (the resource list of a large
    // backup, megabytes of names, was the end of a run on one core).
    List<byte[]> members = IntStream.range(0, (data.length + MEMBER_BYTES - 1) / MEMBER_BYTES).parallel().mapToObj(i -> {
      byte[] slice = Arrays.copyOfRange(data, i * MEMBER_BYTES, Math.min(data.length, (i + 1) * MEMBER_BYTES));
      return GzipMember.compress(slice, slice.length, 6);
    }).toList();
    var out = new ByteArrayOutputStream(data.length / 8);
    members.forEach(out::writeBytes);
    return out.toByteArray();
  }

  public static byte[] decompress(byte[] data) throws IOException {
    try (var gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return gz.readAllBytes();
    }
  }
}
