package dev.transship.archive;

import java.util.zip.CRC32;

/**
 * Compresses a block of bytes into one complete gzip member (RFC 1952: header, deflate data, CRC
 * and size). Members concatenated in order form one valid gzip stream that Go's reader (and so
 * Velero), gzip and pigz read as a whole, which lets a tarball be compressed a chunk per core.
 */
final class GzipMember {
  /** Header with no name, no timestamp and OS "unknown", as Go's gzip.Writer writes it. */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
  private static final int TRAILER = 8;

  private GzipMember() {}

  static byte[] compress(byte[] data, int length, int level) {
    return compress(Deflate.best(), data, length, level);
  }

  static byte[] compress(Deflate deflate, byte[] data, int length, int level) {
    CRC32 crc = new CRC32();
    crc.update(data, 0, length);
    byte[] body = deflate.compress(data, length, level);
    byte[] member = new byte[HEADER.length + body.length + TRAILER];
    System.arraycopy(HEADER, 0, member, 0, HEADER.length);
    System.arraycopy(body, 0, member, HEADER.length, body.length);
    int at = HEADER.length + body.length;
    writeIntLe(member, at, (int) crc.getValue());
    writeIntLe(member, at + 4, length); // ISIZE is the length modulo 2^32
    return member;
  }

  private static void writeIntLe(byte[] to, int at, int value) {
    to[at] = (byte) value;
    to[at + 1] = (byte) (value >>> 8);
    to[at + 2] = (byte) (value >>> 16);
    to[at + 3] = (byte) (value >>> 24);
  }
}
