package dev.transship.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A scratch folder per fuzz target, reused by every execution (a fuzz run makes thousands). */
final class FuzzWorkspace {
  private FuzzWorkspace() {}

  static Path dir(String target) {
    try {
      Path dir = Files.createTempDirectory("transship-fuzz-" + target);
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
