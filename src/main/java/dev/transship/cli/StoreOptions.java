package dev.transship.cli;

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

  /** Clients the caller of {@link Main#run} gave (in-process stores, in tests), or null for the environment's. */
  private final StoreClients given;

  StoreOptions() {
    this(null);
  }

  StoreOptions(StoreClients given) {
    this.given = given;
  }

  StoreClients clients() {
    StoreClients clients = given != null ? given : StoreClients.fromEnvironment(s3Endpoint, s3Region);
    return clients.withClusterBackups(VeleroApiBackupSource::open);
  }
}
