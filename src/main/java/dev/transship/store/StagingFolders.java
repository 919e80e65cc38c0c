package dev.transship.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deletes staging folders. */
final class StagingFolders {
  private StagingFolders() {}

  /**
   * Deletes the staging folders in {@code parent} named {@code prefix<pid>-...} whose process is
   * gone: what a killed run left. A run still going keeps its own.
   */
  static void deleteAbandoned(Path parent, String prefix) {
    try (java.util.stream.Stream<Path> folders = Files.list(parent)) {
      for (Path folder : folders.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
        String rest = folder.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        long pid = dash > 0 && rest.substring(0, dash).chars().allMatch(Character::isDigit) ? Long.parseLong(rest.substring(0, dash)) : -1;
        if (pid < 0 || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
          deleteQuietly(folder);
        }
      }
    } catch (IOException ignored) {
      // best effort: a leftover staging folder is hidden and holds no velero-backup.json
    }
  }

  static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // best effort: the folder is a hidden staging folder, never a backup
    }
  }
}
