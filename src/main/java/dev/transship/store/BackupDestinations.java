package dev.transship.store;

import dev.transship.TransshipException;
import dev.transship.archive.BackupDestination;
import java.nio.file.Path;

/** Opens the destination a user named with {@code --to}. */
public final class BackupDestinations {
  private BackupDestinations() {}

  /** A {@code .tar.gz} path, or a storage location root (folder, s3://, gs://). */
  public static BackupDestination open(String to, StoreClients clients) throws TransshipException {
    if (to.endsWith(".tar.gz") && !to.contains("://")) {
      return new TarballFileDestination(Path.of(to));
    }
    return new LocationDestination(clients.open(LocationAddress.parse(to)));
  }
}
