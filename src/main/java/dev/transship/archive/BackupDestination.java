package dev.transship.archive;

import dev.transship.TransshipException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a new backup goes. Files are staged in a local folder first, then published in one step so
 * a failure never leaves a partial backup behind.
 */
public interface BackupDestination {
  /** Where the backup will be, for messages. */
  String address(String name);

  /** Fails when a backup of that name already exists: a backup is never overwritten. */
  void checkFree(String name) throws TransshipException;

  /** A fresh, empty folder to write the backup's files into. */
  Path stage(String name) throws TransshipException;

  /**
   * Publishes the staged files in the given order (the caller puts {@code velero-backup.json}
   * last, since its presence is what makes Velero's sync import the folder) and removes the
   * staging folder. On failure nothing stays at the destination.
   */
  void publish(String name, Path staged, List<String> filesInOrder) throws TransshipException;

  /** Removes a staging folder after a failure. */
  void discard(Path staged);
}
