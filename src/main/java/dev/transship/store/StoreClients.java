package dev.transship.store;

import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.transship.TransshipException;
import dev.transship.archive.BackupSource;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds object-store clients lazily, only for the schemes a command touches (an S3 client costs
 * about half a second to build). Tests hand in clients for S3Proxy and in-memory GCS.
 */
public final class StoreClients {
  private final Supplier<S3Client> s3;
  private final Supplier<Storage> gcs;
  private final ClusterBackups clusters;

  public StoreClients(Supplier<S3Client> s3, Supplier<Storage> gcs) {
    this(s3, gcs, null);
  }

  private StoreClients(Supplier<S3Client> s3, Supplier<Storage> gcs, ClusterBackups clusters) {
    this.s3 = s3;
    this.gcs = gcs;
    this.clusters = clusters;
  }

  /** These clients, reading {@code velero://} addresses through {@code clusters} unless they already do. */
  public StoreClients withClusterBackups(ClusterBackups clusters) {
    return this.clusters != null ? this : new StoreClients(s3, gcs, clusters);
  }

  /**
   * Clients from the environment: the AWS default credential chain and Google application default
   * credentials. An S3 endpoint (MinIO and other S3-compatible stores) turns on path-style access.
   */
  public static StoreClients fromEnvironment(URI s3Endpoint, String s3Region) {
    return new StoreClients(
        () -> {
          S3ClientBuilder builder = S3Client.builder();
          if (s3Region != null) {
            builder.region(Region.of(s3Region));
          } else if (s3Endpoint != null) {
            builder.region(Region.US_EAST_1);
          }
          if (s3Endpoint != null) {
            builder.endpointOverride(s3Endpoint).forcePathStyle(true);
          }
          return builder.build();
        },
        // The library's default retries for 50 s before giving up on an unreachable host; a CLI run
        // should say so sooner.
        () -> StorageOptions.newBuilder()
            .setRetrySettings(StorageOptions.getDefaultRetrySettings().toBuilder()
                .setMaxAttempts(3).setTotalTimeoutDuration(Duration.ofSeconds(20)).build())
            .build().getService());
  }

  /** Opens the store behind a location root. */
  public ObjectStore open(LocationAddress location) throws TransshipException {
    if (location instanceof LocationAddress.S3 s3Location) {
      return new S3Store(build("s3://" + s3Location.bucket(), s3), s3Location.bucket(), s3Location.prefix());
    }
    if (location instanceof LocationAddress.Gcs gcsLocation) {
      return new GcsStore(build("gs://" + gcsLocation.bucket(), gcs), gcsLocation.bucket(), gcsLocation.prefix());
    }
    return new LocalFolderStore(((LocationAddress.LocalFolder) location).root());
  }

  /** Opens a Backup through its cluster's Velero API. */
  public BackupSource open(BackupAddress.InCluster address) throws TransshipException {
    if (clusters == null) {
      throw new TransshipException(address + ": velero:// addresses cannot be read here");
    }
    return clusters.open(address);
  }

  private static <T> T build(String what, Supplier<T> supplier) throws TransshipException {
    try {
      return supplier.get();
    } catch (SdkException e) {
      throw new TransshipException(what + ": cannot set up a client: " + S3Store.explain(e), e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new TransshipException(what + ": cannot set up a client: " + S3Store.firstLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      throw new TransshipException(what + ": cannot set up a client (missing credentials?): " + S3Store.firstLine(e.getMessage()), e);
    }
  }
}
