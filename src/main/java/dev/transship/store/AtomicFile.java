package dev.transship.store;

import dev.transship.TransshipException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a local file (report, plan, baseline) whole or not at all: temp file, then rename. */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes text that a {@link Writer} produces; {@code content} may be as long as it likes. */
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  public static void write(Path file, String content) throws TransshipException {
    write(file, out -> out.write(content));
  }

  /** Fails now, before any work, if {@code file} could not be written later. */
  public static void checkWritable(Path file) throws TransshipException {
    Path parent = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file)) {
      throw new TransshipException(file + ": is a folder; give a file name");
    }
    if (!Files.isDirectory(parent)) {
      throw new TransshipException(file + ": folder " + parent + " does not exist");
    }
    if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
      throw new TransshipException(file + ": permission denied");
    }
  }

  public static void write(Path file, Content content) throws TransshipException {
    checkWritable(file);
    Path tmp = null;
    boolean moved = false;
    try {
      tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        content.writeTo(out);
      }
      // A temp file is private (0600); a report or plan is an ordinary file.
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException notPosix) {
        // keep the platform's default
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
    } catch (IOException | UncheckedIOException e) {
      throw new TransshipException(file + ": cannot write (" + e.getMessage() + ")");
    } finally {
      if (tmp != null && !moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temp file is hidden and harmless
        }
      }
    }
  }
}
