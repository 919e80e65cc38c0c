package dev.transship.store;

import dev.transship.TransshipException;
import dev.transship.archive.BackupDestination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Stands in for a destination in {@code --dry-run}: everything is written to a temp folder, then thrown away. */
public final class DryRunDestination implements BackupDestination {
  private final BackupDestination real;

  public DryRunDestination(BackupDestination real) {
    this.real = real;
  }

  @Override
  public String address(String name) {
    return real.address(name) + " (dry run: not written)";
  }

  @Override
  public void checkFree(String name) throws TransshipException {
    real.checkFree(name);
  }

  @Override
  public Path stage(String name) throws TransshipException {
    try {
      return Files.createTempDirectory("transship-dry-run-");
    } catch (java.io.IOException e) {
      throw new TransshipException("cannot create a temporary folder (" + e.getMessage() + ")");
    }
  }

  @Override
  public void publish(String name, Path staged, List<String> filesInOrder) {
    StagingFolders.deleteQuietly(staged);
  }

  @Override
  public void discard(Path staged) {
    StagingFolders.deleteQuietly(staged);
  }
}
