package dev.transship.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.archive.BackupSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** A bare {@code <name>.tar.gz} on disk, as downloaded with {@code velero backup download}. */
public final class TarballFileSource implements BackupSource {
  private final Path file;
  private final String name;

  TarballFileSource(Path file, String name) throws TransshipException {
    if (!Files.isRegularFile(file)) {
      throw new TransshipException(file + ": no such file");
    }
    if (!Files.isReadable(file)) {
      throw new TransshipException(file + ": not readable");
    }
    this.file = file;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String address() {
    return file.toString();
  }

  @Override
  public Optional<ObjectNode> backupResource() {
    return Optional.empty();
  }

  @Override
  public InputStream openTarball() throws TransshipException {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  @Override
  public OptionalLong tarballSize() throws TransshipException {
    try {
      return OptionalLong.of(Files.size(file));
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  @Override
  public Optional<byte[]> sideFile(String suffix) {
    return Optional.empty();
  }
}
