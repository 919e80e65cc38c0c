package dev.transship.cli;

import dev.transship.restore.ClusterTimeouts;
import dev.transship.restore.VeleroApiBackupSource;
import dev.transship.store.StoreClients;
import java.net.URI;
import picocli.CommandLine.Option;

/** Options for reaching buckets, shared by every command that reads or writes backups. */
public final class StoreOptions {
  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "S3-compatible endpoint such as MinIO (turns on path-style access).")
  URI s3Endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "AWS region of the bucket (default: from the environment).")
  String s3Region;

  /** Clients given by {@link CliSettings}; null: from the environment and the options above. */
  private final StoreClients given;
  private final ClusterTimeouts clusterTimeouts;

  StoreOptions() {
    this(null, ClusterTimeouts.DEFAULTS);
  }

  StoreOptions(StoreClients given, ClusterTimeouts clusterTimeouts) {
    this.given = given;
    this.clusterTimeouts = clusterTimeouts;
  }

  StoreClients clients() {
    StoreClients clients = given != null ? given : StoreClients.fromEnvironment(s3Endpoint, s3Region);
    return clients.withClusterBackups(address -> VeleroApiBackupSource.open(address, clusterTimeouts));
  }
}
