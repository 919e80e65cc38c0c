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

  /** How the caller of {@link Main#run} wired the run (in-process stores, in tests). */
  private final Wiring wiring;

  StoreOptions() {
    this(Wiring.DEFAULT);
  }

  StoreOptions(Wiring wiring) {
    this.wiring = wiring;
  }

  StoreClients clients() {
    StoreClients clients = wiring.clients() != null ? wiring.clients() : StoreClients.fromEnvironment(s3Endpoint, s3Region);
    return clients.withClusterBackups(address -> VeleroApiBackupSource.open(address, wiring.timings()));
  }
}
