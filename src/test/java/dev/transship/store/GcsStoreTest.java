package dev.transship.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.transship.cli.CliSettings;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.SampleFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Google Cloud Storage through google-cloud-nio's in-memory storage. */
class GcsStoreTest {
  @TempDir Path tmp;

  @Test
  void convertsFromGcsToGcs() throws Exception {
    Storage storage = LocalStorageHelper.getOptions().getService();
    CliSettings gcs = new CliSettings(new StoreClients(() -> {
      throw new IllegalStateException("no S3 here");
    }, () -> storage));
    Path source = SampleFolders.packNightly(tmp);
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        storage.create(BlobInfo.newBuilder("velero-a", "prod/backups/nightly/" + f.getFileName()).build(), Files.readAllBytes(f));
      }
    }

    var run = Cli.run(gcs, "convert", "gs://velero-a/prod/backups/nightly", "--to", "gs://velero-b", "--name", "moved");
    assertEquals(0, run.exitCode(), run.err());

    byte[] tarball = storage.readAllBytes(BlobId.of("velero-b", "backups/moved/moved.tar.gz"));
    assertEquals(Backups.items(source.resolve("nightly.tar.gz")), Backups.items(tarball));
    JsonNode backup = Json.MAPPER.readTree(storage.readAllBytes(BlobId.of("velero-b", "backups/moved/velero-backup.json")));
    assertEquals("moved", backup.at("/metadata/name").asText());
    long keys = StreamSupport.stream(storage.list("velero-b").iterateAll().spliterator(), false)
        .filter(b -> !b.getName().startsWith("backups/moved/")).count();
    assertEquals(0, keys, "nothing outside backups/moved/");

    var inspect = Cli.run(gcs, "inspect", "gs://velero-b/backups/moved");
    assertEquals(0, inspect.exitCode(), inspect.err());
    assertTrue(inspect.out().contains("moved"));
  }

  @Test
  void copiesVolumeDataFromGcsToAFolder() throws Exception {
    Storage storage = LocalStorageHelper.getOptions().getService();
    CliSettings gcs = new CliSettings(new StoreClients(() -> {
      throw new IllegalStateException("no S3 here");
    }, () -> storage));
    Path sample = Path.of("sample-backups/eks-shop/backups/eks-shop-nightly-20261120");
    try (Stream<Path> files = Files.list(sample)) {
      for (Path f : files.toList()) {
        storage.create(BlobInfo.newBuilder("vol-a", "backups/eks-shop-nightly-20261120/" + f.getFileName()).build(), Files.readAllBytes(f));
      }
    }
    byte[] pack = new byte[70_001];
    new java.util.Random(3).nextBytes(pack);
    storage.create(BlobInfo.newBuilder("vol-a", "kopia/shop/p1/p1aa").build(), pack);
    storage.create(BlobInfo.newBuilder("vol-a", "kopia/shop/kopia.repository.f").build(), "{}".getBytes());
    Path dest = tmp.resolve("gke-location");

    var run = Cli.run(gcs, "convert", "gs://vol-a/backups/eks-shop-nightly-20261120", "--to", dest.toString(), "--name", "moved",
        "--copy-volume-data");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("volume data: copied kopia/shop/ to " + dest + ": 2 objects, 0.1 MB"), run.out());
    assertTrue(java.util.Arrays.equals(pack, Files.readAllBytes(dest.resolve("kopia/shop/p1/p1aa"))));
  }
}
