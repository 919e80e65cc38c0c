package dev.transship.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class TarInputTest {
  private static final String LONG = "resources/configmaps/namespaces/shop/" + "n".repeat(300) + ".json";

  /** A tar from commons-compress in the given long-name mode: a short name, a long one, a directory and a symlink. */
  private static byte[] tar(int longFileMode) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(longFileMode);
      file(tar, "metadata/version", "1.1.0\n".getBytes());
      file(tar, LONG, new byte[1000]);
      tar.putArchiveEntry(new TarArchiveEntry("resources/", TarArchiveEntry.LF_DIR));
      tar.closeArchiveEntry();
      var link = new TarArchiveEntry("resources/link.json", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/etc/passwd");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      file(tar, "resources/pods/namespaces/shop/web.json", "{}".getBytes());
    }
    return bytes.toByteArray();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    var entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  @Test
  void readsPaxAndGnuLongNamesDirectoriesAndLinksSkippingUnreadContent() throws IOException {
    for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU}) {
      try (var in = new TarInput(new ByteArrayInputStream(tar(mode)))) {
        TarInput.Entry version = in.next();
        assertEquals("metadata/version", version.name());
        assertTrue(version.isRegularFile());
        byte[] content = new byte[(int) version.size()];
        in.readFully(content);
        assertArrayEquals("1.1.0\n".getBytes(), content);
        TarInput.Entry longName = in.next(); // its content is never read: next() skips it and its padding
        assertEquals(LONG, longName.name(), "mode " + mode);
        assertEquals(1000, longName.size());
        assertTrue(in.next().isDirectory());
        TarInput.Entry link = in.next();
        assertTrue(link.isLink());
        assertEquals(0, link.size());
        TarInput.Entry web = in.next();
        assertEquals("resources/pods/namespaces/shop/web.json", web.name());
        byte[] json = new byte[2];
        in.readFully(json);
        assertArrayEquals("{}".getBytes(), json);
        assertNull(in.next());
        assertNull(in.next());
      }
    }
  }

  @Test
  void aUstarPrefixIsJoinedToTheName() throws IOException {
    byte[] tar = tar(TarArchiveOutputStream.LONGFILE_POSIX);
    byte[] header = Arrays.copyOf(tar, 512); // metadata/version's header, moved under a prefix
    System.arraycopy("backup".getBytes(), 0, header, 345, 6);
    fixChecksum(header);
    byte[] edited = tar.clone();
    System.arraycopy(header, 0, edited, 0, 512);
    try (var in = new TarInput(new ByteArrayInputStream(edited))) {
      assertEquals("backup/metadata/version", in.next().name());
    }
  }

  @Test
  void aBadChecksumIsAnErrorAndACutContentIsTruncation() throws IOException {
    byte[] tar = tar(TarArchiveOutputStream.LONGFILE_POSIX);
    byte[] corrupt = tar.clone();
    corrupt[0] = 'X';
    assertThrows(IOException.class, () -> new TarInput(new ByteArrayInputStream(corrupt)).next());
    var cut = new TarInput(new ByteArrayInputStream(Arrays.copyOf(tar, 512 + 3)));
    TarInput.Entry version = cut.next();
    assertThrows(EOFException.class, () -> cut.readFully(new byte[(int) version.size()]));
    // a short header record is the end, as a tarball without its end blocks is
    assertNull(new TarInput(new ByteArrayInputStream(Arrays.copyOf(tar, 100))).next());
  }

  private static void fixChecksum(byte[] header) {
    Arrays.fill(header, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    byte[] octal = String.format("%06o", sum).getBytes();
    System.arraycopy(octal, 0, header, 148, 6);
    header[154] = 0;
  }
}
