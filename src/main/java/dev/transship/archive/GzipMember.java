package dev.transship.archive;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses a block of bytes into one complete gzip member (RFC 1952: header, deflate data, CRC
 * and size). Members concatenated in order form one valid gzip stream that Go's reader (and so
 * Velero), gzip and pigz read as a whole, which lets a tarball be compressed a chunk per core.
 */
final class GzipMember {
  /** Header with no name, no timestamp and OS "unknown", as Go's gzip.Writer writes it. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  private static final ThreadLocal<Deflater[]> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater[10]);

  private GzipMember() {}

  static byte[] compress(byte[] data, int length, int level) {
    Deflater deflater = deflater(level);
    CRC32 crc = new CRC32();
    crc.update(data, 0, length);
    var out = new ByteArrayOutputStream(Math.max(64, length / 4));
    out.writeBytes(HEADER);
    deflater.setInput(data, 0, length);
    deflater.finish();
    byte[] buffer = new byte[64 * 1024];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.reset();
    writeIntLe(out, (int) crc.getValue());
    writeIntLe(out, length); // ISIZE is the length modulo 2^32
    return out.toByteArray();
  }

  /** One raw-deflate Deflater per thread and level, reset between members instead of reallocated. */
  private static Deflater deflater(int level) {
    Deflater[] byLevel = DEFLATERS.get();
    if (byLevel[level] == null) {
      byLevel[level] = new Deflater(level, true);
    }
    return byLevel[level];
  }

  private static void writeIntLe(ByteArrayOutputStream out, int value) {
    out.write(value);
    out.write(value >>> 8);
    out.write(value >>> 16);
    out.write(value >>> 24);
  }
}
