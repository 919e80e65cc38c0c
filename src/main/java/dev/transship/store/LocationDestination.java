package dev.transship.store;

import dev.transship.TransshipException;
import dev.transship.archive.BackupDestination;
import dev.transship.archive.VeleroLayout;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A storage location root. A local folder gets the backup folder by one atomic rename; a bucket
 * gets side files and tarball first and {@code velero-backup.json} last, and every uploaded key is
 * deleted again if a later upload fails. Nothing is ever written outside {@code backups/}, since
 * Velero marks a location with any other top-level folder Unavailable.
 */
public final class LocationDestination implements BackupDestination {
  private final ObjectStore store;

  public LocationDestination(ObjectStore store) {
    this.store = store;
  }

  /** The location the backup is in; its volume data lives beside it. */
  ObjectStore store() {
    return store;
  }

  @Override
  public String address(String name) {
    return store.address(VeleroLayout.backupFolder(name)).replaceAll("/$", "");
  }

  /** Folders {@link #stage} created, outermost first. */
  private final List<Path> created = new ArrayList<>();

  /**
   * Refuses a name in use. A folder without {@code velero-backup.json} is what a killed run left
   * (Velero never imported it, since the file comes last): it is removed, so the rerun succeeds.
   */
  @Override
  public void checkFree(String name) throws TransshipException {
    String folder = VeleroLayout.backupFolder(name);
    if (store instanceof LocalFolderStore local) {
      Path dir = local.resolve(folder);
      if (Files.exists(dir) && !Files.exists(dir.resolve(VeleroLayout.BACKUP_METADATA_FILE))
          && Files.exists(dir.resolve(VeleroLayout.STAGED_METADATA_FILE))) {
        StagingFolders.deleteQuietly(dir);
      }
      if (Files.exists(dir)) {
        throw new TransshipException(address(name) + ": already exists (transship never overwrites a backup)");
      }
      return;
    }
    if (store.anyUnder(folder) && store.size(folder + VeleroLayout.BACKUP_METADATA_FILE).isEmpty()) {
      for (String key : store.list(folder)) {
        store.delete(key);
      }
    }
    if (store.anyUnder(folder)) {
      throw new TransshipException(address(name) + ": already exists (transship never overwrites a backup)");
    }
  }

  @Override
  public Path stage(String name) throws TransshipException {
    try {
      if (store instanceof LocalFolderStore local) {
        // Stage beside the final folder so publishing is a same-filesystem atomic rename.
        Path backups = local.resolve("backups");
        for (Path folder = backups; folder != null && !Files.exists(folder); folder = folder.getParent()) {
          created.add(0, folder);
        }
        Files.createDirectories(backups);
        StagingFolders.deleteAbandoned(backups, "." + name + ".partial-");
        return Files.createTempDirectory(backups, "." + name + ".partial-" + ProcessHandle.current().pid() + "-");
      }
      return Files.createTempDirectory("transship-" + name + "-");
    } catch (IOException e) {
      discard(null);
      String why = e instanceof AccessDeniedException ? "permission denied: " + e.getMessage() : e.getMessage();
      throw new TransshipException(address(name) + ": cannot create a staging folder (" + why + ")");
    }
  }

  @Override
  public void publish(String name, Path staged, List<String> filesInOrder) throws TransshipException {
    try {
      if (store instanceof LocalFolderStore local) {
        Path target = local.resolve(VeleroLayout.backupFolder(name));
        try {
          // Staged private (createTempDirectory's 0700); published readable like the files in it, or Velero's
          // sync or a colleague's restore under another user cannot list it.
          if (staged.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
          Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
          // Only now, with the tarball in its final place, may Velero see the backup.
          Files.move(target.resolve(VeleroLayout.STAGED_METADATA_FILE), target.resolve(VeleroLayout.BACKUP_METADATA_FILE),
              StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
          throw new TransshipException(address(name) + ": already exists (transship never overwrites a backup)");
        } catch (IOException e) {
          throw new TransshipException(address(name) + ": cannot write (" + e.getMessage() + ")");
        }
        return;
      }
      upload(name, staged, filesInOrder);
    } finally {
      discard(staged);
    }
  }

  private void upload(String name, Path staged, List<String> filesInOrder) throws TransshipException {
    List<String> uploaded = new ArrayList<>();
    try {
      for (String file : filesInOrder) {
        String key = VeleroLayout.backupFolder(name) + file;
        store.upload(key, staged.resolve(file.equals(VeleroLayout.BACKUP_METADATA_FILE) ? VeleroLayout.STAGED_METADATA_FILE : file));
        uploaded.add(key);
      }
    } catch (TransshipException e) {
      for (String key : uploaded) {
        try {
          store.delete(key);
        } catch (TransshipException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
  }

  /** Removes the staging folder, and the folders staging created if they are still empty (a failed run leaves nothing). */
  @Override
  public void discard(Path staged) {
    StagingFolders.deleteQuietly(staged);
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (IOException notEmpty) {
        break;
      }
    }
  }
}
