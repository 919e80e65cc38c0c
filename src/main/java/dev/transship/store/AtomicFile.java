package dev.transship.store;

import dev.transship.TransshipException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
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
    if (writtenInPlace(file)) {
      if (!Files.isWritable(file)) {
        throw new TransshipException(file + ": permission denied");
      }
      return;
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
    // A device, pipe or terminal (-o /dev/stdout) is written into, never replaced by a file; a
    // symlink to a file has its target replaced, not the link.
    if (writtenInPlace(file)) {
      try (Writer out = writer(Files.newOutputStream(file))) {
        content.writeTo(out);
      } catch (IOException | UncheckedIOException e) {
        throw new TransshipException(file + ": cannot write (" + e.getMessage() + ")");
      }
      return;
    }
    Path target;
    try {
      target = Files.exists(file) ? file.toRealPath()
          : Files.isSymbolicLink(file) ? file.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(file)) : file.toAbsolutePath();
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot write (" + e.getMessage() + ")");
    }
    Path tmp = null;
    boolean moved = false;
    try {
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
      try (Writer out = writer(Files.newOutputStream(tmp))) {
        content.writeTo(out);
      }
      // A temp file is private (0600): a replaced file keeps its mode, a new one is an ordinary 0644 file.
      try {
        Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException notPosix) {
        // keep the platform's default
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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

  /**
   * Devices, pipes and the standard streams are written into, never replaced: /dev/stdout can resolve
   * to the very log file a shell redirected it to, which a rename would swap out from under it.
   */
  private static boolean writtenInPlace(Path file) {
    if (!Files.exists(file)) {
      return false;
    }
    if (!Files.isRegularFile(file)) {
      return true;
    }
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith("/dev") || absolute.startsWith("/proc");
  }

  /** UTF-8 that writes a replacement for text it cannot encode (a lone surrogate from a backup) instead of failing. */
  private static Writer writer(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  /** Whether two paths name the same existing file (links followed). */
  public static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }
}
