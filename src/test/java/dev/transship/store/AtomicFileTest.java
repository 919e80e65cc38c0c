package dev.transship.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.TransshipException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path tmp;

  @Test
  void writesAnOrdinaryFileWholeOrNotAtAll() throws Exception {
    Path file = tmp.resolve("report.txt");
    AtomicFile.write(file, "one");
    assertEquals("one", Files.readString(file));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "a report, not a private temp file");
    assertThrows(TransshipException.class, () -> AtomicFile.write(file, out -> {
      out.write("two, half");
      throw new java.io.IOException("disk full");
    }));
    assertEquals("one", Files.readString(file), "a failed write keeps the old content");
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of(file), files.toList(), "no temp file left");
    }
  }

  @Test
  void aSymlinkKeepsPointingAtItsTargetWhichGetsTheContent() throws Exception {
    Path target = tmp.resolve("real.txt");
    Path link = Files.createSymbolicLink(tmp.resolve("link.txt"), target);
    AtomicFile.write(link, "via link");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("via link", Files.readString(target));
  }

  @Test
  @Timeout(20)
  void aFifoIsWrittenIntoNotReplaced() throws Exception {
    Path fifo = tmp.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    Process reader = new ProcessBuilder("cat", fifo.toString()).start();
    AtomicFile.write(fifo, "through the pipe");
    assertEquals("through the pipe", new String(reader.getInputStream().readAllBytes()));
    assertTrue(!Files.isRegularFile(fifo), "still a pipe");
  }

  @Test
  void aReplacedFileKeepsItsMode() throws Exception {
    Path file = Files.writeString(tmp.resolve("private.txt"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    AtomicFile.write(file, "new");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void textThatCannotBeEncodedIsReplacedNotFatal() throws Exception {
    Path file = tmp.resolve("r.txt");
    AtomicFile.write(file, "image x\uD800y");
    assertEquals("image x?y", Files.readString(file));
  }
}
