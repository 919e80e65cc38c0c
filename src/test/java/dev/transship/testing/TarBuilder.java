package dev.transship.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds arbitrary (also hostile) .tar.gz byte arrays for tests. */
public final class TarBuilder {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  public TarBuilder() {
    this(true, StandardCharsets.UTF_8.name());
  }

  private TarBuilder(boolean gzip, String nameEncoding) {
    try {
      tar = new TarArchiveOutputStream(gzip ? new GZIPOutputStream(bytes) : bytes, nameEncoding);
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An uncompressed tar whose entry names are written in {@code nameEncoding} (no PAX UTF-8 header). */
  public static TarBuilder plain(String nameEncoding) {
    return new TarBuilder(false, nameEncoding);
  }

  /** A regular file with the given permission bits (Velero writes 0755; tar tools often 0644). */
  public TarBuilder file(String name, String content, int mode) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
    entry.setSize(data.length);
    entry.setMode(mode);
    return put(entry, data);
  }

  public TarBuilder directory(String name) {
    return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarArchiveEntry.LF_DIR, true), new byte[0]);
  }

  /** A device, FIFO or other special entry of the given tar type flag ({@code LF_CHR}, {@code LF_FIFO}, ...). */
  public TarBuilder special(String name, byte typeFlag) {
    return put(new TarArchiveEntry(name, typeFlag, true), new byte[0]);
  }

  public TarBuilder file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  public TarBuilder file(String name, byte[] content) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL, true);
    entry.setSize(content.length);
    entry.setMode(0755);
    return put(entry, content);
  }

  public TarBuilder symlink(String name, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
    entry.setLinkName(target);
    return put(entry, new byte[0]);
  }

  public TarBuilder hardlink(String name, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
    entry.setLinkName(target);
    return put(entry, new byte[0]);
  }

  /** A minimal valid item JSON. */
  public static String item(String apiVersion, String kind, String namespace, String name) {
    String ns = namespace == null ? "" : ",\"namespace\":\"" + namespace + "\"";
    return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name + "\"" + ns + "}}";
  }

  private TarBuilder put(TarArchiveEntry entry, byte[] content) {
    try {
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public byte[] build() {
    try {
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
