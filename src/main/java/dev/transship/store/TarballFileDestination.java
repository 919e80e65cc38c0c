package dev.transship.store;

import dev.transship.TransshipException;
import dev.transship.archive.BackupDestination;
import dev.transship.archive.VeleroLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** A bare {@code .tar.gz} file: only the tarball is kept, side files are not. */
public final class TarballFileDestination implements BackupDestination {
  private final Path file;

  public TarballFileDestination(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  @Override
  public String address(String name) {
    return file.toString();
  }

  @Override
  public void checkFree(String name) throws TransshipException {
    if (Files.exists(file)) {
      throw new TransshipException(file + ": already exists (transship never overwrites a backup)");
    }
    if (!Files.isDirectory(file.getParent())) {
      throw new TransshipException(file.getParent() + ": no such folder");
    }
  }

  @Override
  public Path stage(String name) throws TransshipException {
    try {
      return Files.createTempDirectory(file.getParent(), "." + file.getFileName() + ".partial-");
    } catch (IOException e) {
      throw new TransshipException(file.getParent() + ": cannot write (" + e.getMessage() + ")");
    }
  }

  @Override
  public void publish(String name, Path staged, List<String> filesInOrder) throws TransshipException {
    try {
      Files.move(staged.resolve(VeleroLayout.tarballFile(name)), file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot write (" + e.getMessage() + ")");
    } finally {
      discard(staged);
    }
  }

  @Override
  public void discard(Path staged) {
    StagingFolders.deleteQuietly(staged);
  }
}
