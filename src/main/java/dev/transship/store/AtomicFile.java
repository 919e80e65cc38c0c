package dev.transship.store;

import dev.transship.TransshipException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a small local file (report, plan, baseline) whole or not at all: temp file, then rename. */
public final class AtomicFile {
  private AtomicFile() {}

  public static void write(Path file, String content) throws TransshipException {
    Path parent = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw new TransshipException(file + ": folder " + parent + " does not exist");
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
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
