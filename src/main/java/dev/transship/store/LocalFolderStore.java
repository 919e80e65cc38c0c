package dev.transship.store;

import dev.transship.TransshipException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A storage location laid out in a local folder: {@code <root>/backups/<name>/...}. */
public final class LocalFolderStore implements ObjectStore {
  private final Path root;

  public LocalFolderStore(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path resolve(String key) {
    return root.resolve(key);
  }

  @Override
  public String address(String key) {
    return root.resolve(key).toString();
  }

  @Override
  public Optional<InputStream> open(String key) throws TransshipException {
    Path file = root.resolve(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.newInputStream(file));
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  @Override
  public Optional<Long> size(String key) throws TransshipException {
    Path file = root.resolve(key);
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.size(file)) : Optional.empty();
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  @Override
  public boolean anyUnder(String prefix) throws TransshipException {
    Path dir = root.resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.findAny().isPresent();
    } catch (IOException e) {
      throw new TransshipException(dir + ": cannot list (" + e.getMessage() + ")");
    }
  }

  @Override
  public List<String> list(String prefix) throws TransshipException {
    Path dir = root.resolve(prefix);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace(java.io.File.separatorChar, '/'))
          .sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new TransshipException(dir + ": cannot list (" + e.getMessage() + ")");
    }
  }

  @Override
  public void upload(String key, InputStream in, long size) throws TransshipException {
    Path target = root.resolve(key);
    try {
      Files.createDirectories(target.getParent());
      Path partial = Files.createTempFile(target.getParent(), ".transship-", ".partial");
      try {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          // a temp file is private; Velero (another user, often) must read the copy
          Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new TransshipException(target + ": cannot write (" + e.getMessage() + ")");
    }
  }

  @Override
  public void upload(String key, Path file) throws TransshipException {
    Path target = root.resolve(key);
    try {
      Files.createDirectories(target.getParent());
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new TransshipException(target + ": cannot write (" + e.getMessage() + ")");
    }
  }

  @Override
  public void delete(String key) throws TransshipException {
    try {
      Files.deleteIfExists(root.resolve(key));
    } catch (IOException e) {
      throw new TransshipException(root.resolve(key) + ": cannot delete (" + e.getMessage() + ")");
    }
  }
}
