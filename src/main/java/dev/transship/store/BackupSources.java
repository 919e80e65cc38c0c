package dev.transship.store;

import dev.transship.TransshipException;
import dev.transship.archive.BackupSource;

/** Opens the backup behind an address. */
public final class BackupSources {
  private BackupSources() {}

  public static BackupSource open(BackupAddress address, StoreClients clients) throws TransshipException {
    if (address instanceof BackupAddress.TarballFile tarball) {
      return new TarballFileSource(tarball.file(), tarball.name());
    }
    if (address instanceof BackupAddress.InCluster inCluster) {
      return clients.open(inCluster);
    }
    BackupAddress.InLocation inLocation = (BackupAddress.InLocation) address;
    return new LocationBackupSource(clients.open(inLocation.location()), inLocation.name());
  }
}
