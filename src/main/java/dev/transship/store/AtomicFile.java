package dev.transship.store;

import dev.transship.TransshipException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

  public static void write(Path file, Content content) throws TransshipException {
    Path parent = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw new TransshipException(file + ": folder " + parent + " does not exist");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        content.writeTo(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UncheckedIOException e) {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException ignored) {
        // the temp file is hidden and harmless
      }
      throw new TransshipException(file + ": cannot write (" + e.getMessage() + ")");
    }
  }
}
