package dev.transship.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads tar entries as Go's {@code archive/tar} gives them to Velero's extractor: USTAR and GNU
 * headers, a USTAR name prefix, PAX {@code path} and {@code size} records and GNU long names. One
 * header buffer and one skip buffer serve every entry: a backup is hundreds of thousands of small
 * entries, and commons-compress's reader allocated an entry object, a name decoder and an 8 KiB
 * padding buffer for each. What a Velero backup never holds (links, devices, sparse files) comes
 * back as an entry of that type for the caller to skip.
 */
final class TarInput implements AutoCloseable {
  private static final int RECORD = 512;
  /** PAX and GNU long-name data is read whole; a name longer than this is no Kubernetes object's. */
  private static final int MAX_EXTENDED_HEADER = 1 << 20;

  /** One entry: {@code type} is the header's type flag ('0' or NUL for a regular file). */
  record Entry(String name, byte type, long size) {
    boolean isDirectory() {
      return type == '5' || name.endsWith("/");
    }

    boolean isLink() {
      return isLink(type);
    }

    /** Hard and symbolic links: their size field is the target's, with no content of their own. */
    static boolean isLink(byte type) {
      return type == '1' || type == '2';
    }

    /** What Velero's extractor writes out: tar.TypeReg, which Go's reader also makes of the old NUL flag. */
    boolean isRegularFile() {
      return type == '0' || type == 0;
    }
  }

  private final InputStream in;
  private final byte[] header = new byte[RECORD];
  private final byte[] scratch = new byte[8192];
  /** Content of the current entry not yet read, and the zeros after it to the record's end. */
  private long remaining;
  private int padding;
  private boolean ended;

  TarInput(InputStream in) {
    this.in = in;
  }

  /** The next entry, its content ready to read; null at the end of the archive. */
  Entry next() throws IOException {
    skip(remaining + padding);
    remaining = 0;
    padding = 0;
    String longName = null;
    Long paxSize = null;
    while (!ended) {
      if (in.readNBytes(header, 0, RECORD) < RECORD || isZero(header)) {
        // a short last record ends the archive as a missing end-of-archive block does, as Go's reader allows
        ended = true;
        return null;
      }
      checkChecksum();
      byte type = header[156];
      long size = number(124, 12, "size");
      if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
        byte[] data = extendedHeader(size);
        if (type == 'x') {
          String[] pax = pax(data);
          if (pax[0] != null) {
            longName = pax[0];
          }
          if (pax[1] != null) {
            paxSize = parseSize(pax[1]);
          }
        } else if (type == 'L') {
          longName = cString(data, 0, data.length);
        }
        continue; // 'g' (global) and 'K' (long link name) say nothing Velero reads
      }
      String name = longName != null ? longName : headerName();
      long content = paxSize != null ? paxSize : size;
      remaining = type == '5' || Entry.isLink(type) ? 0 : content;
      padding = (int) ((RECORD - remaining % RECORD) % RECORD);
      return new Entry(name, type, remaining);
    }
    return null;
  }

  /** Reads the current entry's content; fewer bytes than asked only at its end. */
  int read(byte[] b, int off, int len) throws IOException {
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException("Truncated TAR archive");
    }
    remaining -= n;
    return n;
  }

  /** The whole content of the current entry into {@code b}, which holds exactly its size. */
  void readFully(byte[] b) throws IOException {
    int done = 0;
    while (done < b.length) {
      int n = read(b, done, b.length - done);
      if (n < 0) {
        throw new EOFException("Truncated TAR archive");
      }
      done += n;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void skip(long bytes) throws IOException {
    while (bytes > 0) {
      int n = in.read(scratch, 0, (int) Math.min(scratch.length, bytes));
      if (n < 0) {
        throw new EOFException("Truncated TAR archive");
      }
      bytes -= n;
    }
  }

  private byte[] extendedHeader(long size) throws IOException {
    if (size > MAX_EXTENDED_HEADER) {
      throw new IOException("extended header of " + size + " bytes");
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new EOFException("Truncated TAR archive");
    }
    skip((RECORD - size % RECORD) % RECORD);
    return data;
  }

  /** {path, size} from PAX records "length key=value\n"; null where absent. */
  private static String[] pax(byte[] data) throws IOException {
    String[] found = new String[2];
    int at = 0;
    while (at < data.length) {
      int space = indexOf(data, (byte) ' ', at);
      if (space < 0) {
        throw new IOException("malformed PAX header");
      }
      int length;
      try {
        length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IOException("malformed PAX header");
      }
      int end = at + length;
      if (length <= space - at + 1 || end > data.length || data[end - 1] != '\n') {
        throw new IOException("malformed PAX header");
      }
      String record = new String(data, space + 1, end - space - 2, StandardCharsets.UTF_8);
      int equals = record.indexOf('=');
      if (equals < 0) {
        throw new IOException("malformed PAX header");
      }
      String key = record.substring(0, equals);
      if (key.equals("path")) {
        found[0] = record.substring(equals + 1);
      } else if (key.equals("size")) {
        found[1] = record.substring(equals + 1);
      }
      at = end;
    }
    return found;
  }

  private static long parseSize(String value) throws IOException {
    try {
      long size = Long.parseLong(value);
      if (size >= 0) {
        return size;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IOException("invalid PAX size " + value);
  }

  /** The name field, behind the USTAR prefix when there is one. */
  private String headerName() {
    String name = cString(header, 0, 100);
    boolean posix = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a' && header[261] == 'r'
        && header[262] == 0;
    if (posix && header[345] != 0) {
      return cString(header, 345, 155) + "/" + name;
    }
    return name;
  }

  /** The sum of the header's bytes with its checksum field as spaces, as every tar writer computes it. */
  private void checkChecksum() throws IOException {
    long stored = number(148, 8, "checksum");
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < RECORD; i++) {
      byte b = i >= 148 && i < 156 ? (byte) ' ' : header[i];
      unsigned += b & 0xff;
      signed += b; // old writers summed signed bytes
    }
    if (stored != unsigned && stored != signed) {
      throw new IOException("invalid tar header checksum");
    }
  }

  /** An octal field (NUL- or space-terminated, leading spaces allowed) or a base-256 one (high bit set). */
  private long number(int offset, int length, String field) throws IOException {
    if ((header[offset] & 0x80) != 0) {
      if (header[offset] != (byte) 0x80 || length > 12) {
        throw new IOException("invalid tar header " + field);
      }
      long value = 0;
      for (int i = offset + 1; i < offset + length; i++) {
        if ((value >>> 55) != 0) {
          throw new IOException("invalid tar header " + field);
        }
        value = (value << 8) | (header[i] & 0xff);
      }
      return value;
    }
    int i = offset;
    int end = offset + length;
    while (i < end && header[i] == ' ') {
      i++;
    }
    long value = 0;
    boolean digits = false;
    for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
      int digit = header[i] - '0';
      if (digit < 0 || digit > 7 || (value >>> 60) != 0) {
        throw new IOException("invalid tar header " + field);
      }
      value = (value << 3) | digit;
      digits = true;
    }
    for (; i < end; i++) {
      if (header[i] != 0 && header[i] != ' ') {
        throw new IOException("invalid tar header " + field);
      }
    }
    if (!digits && !field.equals("size")) {
      throw new IOException("invalid tar header " + field);
    }
    return value;
  }

  private static boolean isZero(byte[] record) {
    for (byte b : record) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** A NUL-terminated UTF-8 field, as Go's reader decodes names. */
  private static String cString(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }
}
