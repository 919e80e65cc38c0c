package dev.transship.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A run of tar entries in memory, as Velero's writer lays them out: USTAR headers of regular files
 * with one mode and modification time, content padded to 512-byte records, and a PAX {@code path}
 * record before an entry whose name is not ASCII or not shorter than the header's 100 bytes. The bytes match
 * commons-compress's POSIX mode for every name Kubernetes allows, but each header is built from a
 * template instead of a new entry object and charset encoder per file: a convert writes two
 * entries per object.
 */
final class TarChunk {
  private static final int RECORD = 512;
  private static final int NAME_LENGTH = 100;
  private static final int SIZE_AT = 124;
  private static final int CHECKSUM_AT = 148;
  private static final int TYPE_AT = 156;
  /** The largest size the header's 11 octal digits hold; items are byte arrays, far smaller. */
  private static final long MAX_SIZE = 077777777777L;

  /** Every header field but name, size, type and checksum, for one mode and time. */
  private final byte[] template = new byte[RECORD];
  private byte[] bytes;
  private int size;

  /**
   * @param mode the entries' permission bits
   * @param modTimeSeconds their modification time
   * @param capacity the expected size, to grow rarely
   */
  TarChunk(int mode, long modTimeSeconds, int capacity) {
    octal(template, 100, 7, mode);
    template[107] = ' ';
    octal(template, 108, 7, 0); // uid
    template[115] = ' ';
    octal(template, 116, 7, 0); // gid
    template[123] = ' ';
    octal(template, 136, 11, modTimeSeconds);
    template[147] = ' ';
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, template, 257, magic.length);
    octal(template, 329, 7, 0); // devmajor
    template[336] = ' ';
    octal(template, 337, 7, 0); // devminor
    template[344] = ' ';
    bytes = new byte[Math.max(capacity, 4 * RECORD)];
  }

  /** Appends a regular file. */
  void file(String name, byte[] content) {
    headers(Naming.of(name), content.length);
    append(content, 0, content.length);
  }

  /** Content that writes itself, as a serialiser does. */
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Where a file's content lies in the chunk, to copy it under another name. */
  record Span(int offset, int length) {}

  /**
   * Appends a regular file whose content is written straight into the chunk: no array of its own
   * that the chunk would copy. Its headers go in front once its size is known.
   */
  Span file(String name, Content content) throws IOException {
    Naming naming = Naming.of(name);
    int start = size;
    int headerBytes = naming.headerBytes();
    size += headerBytes;
    content.writeTo(new OutputStream() {
      @Override
      public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
      }
    });
    int length = size - start - headerBytes;
    size = start;
    headers(naming, length);
    append(null, 0, length);
    return new Span(start + headerBytes, length);
  }

  /** Appends a regular file holding the same bytes as an earlier one. */
  void copy(String name, Span content) {
    headers(Naming.of(name), content.length());
    append(bytes, content.offset(), content.length());
  }

  /**
   * A file's name as its headers hold it: its ASCII bytes (null when it has others) and, when the
   * header cannot hold it, the PAX record that names it. Worked out once per file.
   */
  private record Naming(String name, byte[] ascii, byte[] pax) {
    static Naming of(String name) {
      byte[] ascii = asciiName(name);
      boolean headerCannot = ascii == null || ascii.length >= NAME_LENGTH; // commons-compress, as before, leaves room for a NUL
      return new Naming(name, ascii, headerCannot ? paxRecord("path", name) : null);
    }

    /** The bytes its headers take in front of the content. */
    int headerBytes() {
      return pax == null ? RECORD : 2 * RECORD + padded(pax.length);
    }
  }

  /** The headers of a file of {@code length} bytes: a PAX record first when the name is long or not ASCII. */
  private void headers(Naming naming, int length) {
    byte[] ascii = naming.ascii();
    if (naming.pax() != null) {
      // A PAX extended header names the file; readers that know PAX ignore the truncated name below.
      String name = naming.name();
      header(paxHeaderName(name), naming.pax().length, 'x', 0100644);
      append(naming.pax(), 0, naming.pax().length);
      ascii = Arrays.copyOf(ascii == null ? sanitised(name) : ascii, Math.min(NAME_LENGTH, name.length()));
    }
    header(ascii, length, '0', -1);
  }

  /** Empties the chunk, keeping its buffer: a writer thread reuses one chunk for all its members. */
  void clear() {
    size = 0;
  }

  /** Appends the two zero records that end an archive. */
  void end() {
    ensure(2 * RECORD);
    Arrays.fill(bytes, size, size + 2 * RECORD, (byte) 0);
    size += 2 * RECORD;
  }

  byte[] array() {
    return bytes;
  }

  int size() {
    return size;
  }

  /** @param mode the header's mode, or -1 for the template's */
  private void header(byte[] name, long length, char type, int mode) {
    if (length > MAX_SIZE) {
      throw new IllegalArgumentException("tar entry too large: " + length);
    }
    ensure(RECORD);
    int at = size;
    System.arraycopy(template, 0, bytes, at, RECORD);
    System.arraycopy(name, 0, bytes, at, Math.min(name.length, NAME_LENGTH));
    if (mode >= 0) {
      octal(bytes, at + 100, 7, mode);
    }
    octal(bytes, at + SIZE_AT, 11, length);
    bytes[at + SIZE_AT + 11] = ' ';
    bytes[at + TYPE_AT] = (byte) type;
    Arrays.fill(bytes, at + CHECKSUM_AT, at + CHECKSUM_AT + 8, (byte) ' ');
    long sum = 0;
    for (int i = at; i < at + RECORD; i++) {
      sum += bytes[i] & 0xff;
    }
    octal(bytes, at + CHECKSUM_AT, 6, sum); // six digits, NUL, space: the traditional layout
    bytes[at + CHECKSUM_AT + 6] = 0;
    size += RECORD;
  }

  /**
   * {@code length} bytes of {@code from} at {@code offset}, then zeros to the end of their last
   * record; {@code from} null when they are in place already.
   */
  private void append(byte[] from, int offset, int length) {
    int padded = padded(length);
    ensure(padded);
    if (from != null) {
      System.arraycopy(from, offset, bytes, size, length); // from this chunk's own array, still whole if ensure grew it
    }
    Arrays.fill(bytes, size + length, size + padded, (byte) 0);
    size += padded;
  }

  private static int padded(int length) {
    return (length + RECORD - 1) / RECORD * RECORD;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  /** {@code digits} octal digits, zero-filled, at {@code at}. */
  private static void octal(byte[] to, int at, int digits, long value) {
    for (int i = at + digits - 1; i >= at; i--) {
      to[i] = (byte) ('0' + (value & 7));
      value >>>= 3;
    }
  }

  /** The name's bytes if it is all ASCII, else null. */
  private static byte[] asciiName(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return null;
      }
    }
    return name.getBytes(StandardCharsets.US_ASCII);
  }

  /** Compiled once: every long name passes through {@link #paxHeaderName}. */
  private static final Pattern NON_ASCII = Pattern.compile("[^\\x00-\\x7f]");

  private static byte[] sanitised(String name) {
    return NON_ASCII.matcher(name).replaceAll("_").getBytes(StandardCharsets.US_ASCII);
  }

  /** The extended header's own name, as commons-compress spells it (99 bytes at most); readers ignore it. */
  private static byte[] paxHeaderName(String name) {
    byte[] full = sanitised("./PaxHeaders.X/" + name.replace('/', '_'));
    return full.length < NAME_LENGTH ? full : Arrays.copyOf(full, NAME_LENGTH - 1);
  }

  /** One "length key=value\n" record, whose length counts its own digits. */
  static byte[] paxRecord(String key, String value) {
    int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
    int length = body + String.valueOf(body).length();
    if (String.valueOf(length).length() != String.valueOf(body).length()) {
      length++; // the length's own digits crossed into one more digit
    }
    return (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
