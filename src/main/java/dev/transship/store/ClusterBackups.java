package dev.transship.store;

import dev.transship.TransshipException;
import dev.transship.archive.BackupSource;

/**
 * Opens a Backup through a cluster's Velero API ({@code velero://CONTEXT/BACKUP}). The Kubernetes
 * client code lives in {@code restore}, which depends on this package, so the CLI hands it in.
 */
@FunctionalInterface
public interface ClusterBackups {
  BackupSource open(BackupAddress.InCluster address) throws TransshipException;
}
