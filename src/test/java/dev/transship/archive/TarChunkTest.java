package dev.transship.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class TarChunkTest {
  private static final long MTIME = 1_733_400_000L;

  /** Names of every length class: short, exactly 100 bytes, and longer ones whose PAX record length has 3 and 4 digits. */
  private static Map<String, byte[]> files() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("metadata/version", "1.1.0\n".getBytes(StandardCharsets.US_ASCII));
    files.put("resources/pods/namespaces/shop/web-0.json", content(513));
    files.put("resources/configmaps/namespaces/shop/" + "c".repeat(100 - 37 - 5) + ".json", content(512));
    files.put("resources/secrets/namespaces/shop/" + "s".repeat(80) + ".json", content(0));
    files.put("resources/deployments.apps/v1-preferredversion/namespaces/n/" + "d".repeat(253) + ".json", content(10_000));
    files.put("resources/roles.rbac.authorization.k8s.io/namespaces/shop/system:controller:x.json", content(1));
    return files;
  }

  private static byte[] content(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    return bytes;
  }

  @Test
  void writesTheSameBytesAsCommonsCompressInPosixMode() throws IOException {
    TarChunk chunk = new TarChunk(0755, MTIME, 16);
    var expected = new ByteArrayOutputStream();
    @SuppressWarnings("deprecation")
    var tar = new TarArchiveOutputStream(expected, 512);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    for (var file : files().entrySet()) {
      chunk.file(file.getKey(), file.getValue());
      var entry = new TarArchiveEntry(file.getKey(), TarArchiveEntry.LF_NORMAL, true);
      entry.setMode(0755);
      entry.setSize(file.getValue().length);
      entry.setModTime(new Date(MTIME * 1000));
      tar.putArchiveEntry(entry);
      tar.write(file.getValue());
      tar.closeArchiveEntry();
    }
    chunk.end();
    tar.finish();
    tar.flush();
    assertArrayEquals(expected.toByteArray(), Arrays.copyOf(chunk.array(), chunk.size()));
  }

  @Test
  void aNameOutsideAsciiTravelsWholeInItsPaxRecord() throws IOException {
    TarChunk chunk = new TarChunk(0755, MTIME, 16);
    String name = "resources/roles.rbac.authorization.k8s.io/namespaces/shop/lecteur-\u00e9t\u00e9-\u65e5\u672c.json";
    chunk.file(name, content(700));
    chunk.file("resources/pods/namespaces/shop/a.json", content(3));
    chunk.end();
    try (var in = new TarArchiveInputStream(new ByteArrayInputStream(chunk.array(), 0, chunk.size()))) {
      TarArchiveEntry first = in.getNextEntry();
      assertEquals(name, first.getName());
      assertEquals(0755, first.getMode());
      assertEquals(MTIME, first.getModTime().getTime() / 1000);
      assertArrayEquals(content(700), in.readAllBytes());
      assertEquals("resources/pods/namespaces/shop/a.json", in.getNextEntry().getName());
      assertArrayEquals(content(3), in.readAllBytes());
      assertNull(in.getNextEntry());
    }
  }

  @Test
  void aPaxRecordCountsItsOwnLengthDigits() {
    for (int n = 1; n < 1200; n++) {
      byte[] record = TarChunk.paxRecord("path", "p".repeat(n));
      String text = new String(record, StandardCharsets.UTF_8);
      assertEquals(record.length, Integer.parseInt(text.substring(0, text.indexOf(' '))), text);
    }
  }

  @Test
  void aClearedChunkWritesAsAFreshOneThoughItsBufferHeldMore() {
    TarChunk fresh = new TarChunk(0755, MTIME, 16);
    fresh.file("resources/pods/namespaces/shop/a.json", content(3));
    fresh.end();
    TarChunk reused = new TarChunk(0755, MTIME, 16);
    files().forEach(reused::file); // grows the buffer and fills it with other bytes
    reused.clear();
    reused.file("resources/pods/namespaces/shop/a.json", content(3));
    reused.end();
    assertArrayEquals(Arrays.copyOf(fresh.array(), fresh.size()), Arrays.copyOf(reused.array(), reused.size()));
  }

  @Test
  void contentWrittenInPlaceAndCopiedIsTheSameAsContentGiven() throws IOException {
    TarChunk given = new TarChunk(0755, MTIME, 16);
    TarChunk streamed = new TarChunk(0755, MTIME, 16); // grows while the content streams in
    for (var file : files().entrySet()) {
      String copyName = file.getKey().replace("resources/", "resources/v1-preferredversion/");
      given.file(file.getKey(), file.getValue());
      given.file(copyName, file.getValue());
      TarChunk.Span span = streamed.file(file.getKey(), out -> {
        byte[] content = file.getValue();
        if (content.length > 0) {
          out.write(content[0]); // a byte alone, then the rest, as a serialiser flushes
          out.write(content, 1, content.length - 1);
        }
      });
      assertEquals(file.getValue().length, span.length());
      streamed.copy(copyName, span);
    }
    given.end();
    streamed.end();
    assertArrayEquals(Arrays.copyOf(given.array(), given.size()), Arrays.copyOf(streamed.array(), streamed.size()));
  }
}
