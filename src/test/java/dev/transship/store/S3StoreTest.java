package dev.transship.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.InProcessS3;
import dev.transship.testing.SampleFolders;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** S3 through S3Proxy started in-process on 127.0.0.1. */
class S3StoreTest {
  @RegisterExtension static final InProcessS3 s3Server = new InProcessS3();
  @TempDir Path tmp;

  private static S3Client client() {
    return s3Server.client();
  }

  private static void uploadFolder(S3Client s3, String bucket, String prefix, Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        s3.putObject(b -> b.bucket(bucket).key(prefix + f.getFileName()), RequestBody.fromFile(f));
      }
    }
  }

  private static List<String> keys(S3Client s3, String bucket) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
  }

  @Test
  void convertsFromBucketToBucketUnderAPrefix() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket("velero-eks"));
      s3.createBucket(b -> b.bucket("velero-gke"));
      uploadFolder(s3, "velero-eks", "cluster-a/backups/nightly/", source);

      var run = Cli.run(s3Server.settings(), "convert", "s3://velero-eks/cluster-a/backups/nightly", "--to", "s3://velero-gke/restore-here", "--name", "nightly-gke");
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().contains("s3://velero-gke/restore-here/backups/nightly-gke"), run.out());

      List<String> written = keys(s3, "velero-gke");
      assertTrue(written.stream().allMatch(k -> k.startsWith("restore-here/backups/nightly-gke/")), written.toString());
      assertTrue(written.contains("restore-here/backups/nightly-gke/velero-backup.json"));
      Path tarball = tmp.resolve("downloaded.tar.gz");
      s3.getObject(b -> b.bucket("velero-gke").key("restore-here/backups/nightly-gke/nightly-gke.tar.gz"), tarball);
      assertEquals(Backups.items(source.resolve("nightly.tar.gz")), Backups.items(tarball));
      JsonNode backup = Json.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket("velero-gke").key("restore-here/backups/nightly-gke/velero-backup.json")).asByteArray());
      assertEquals("nightly-gke", backup.at("/metadata/name").asText());
      assertEquals(List.of("cluster-a/backups/nightly/nightly-itemoperations.json.gz", "cluster-a/backups/nightly/nightly-logs.gz",
              "cluster-a/backups/nightly/nightly-podvolumebackups.json.gz", "cluster-a/backups/nightly/nightly-resource-list.json.gz",
              "cluster-a/backups/nightly/nightly-results.gz", "cluster-a/backups/nightly/nightly-volumeinfo.json.gz",
              "cluster-a/backups/nightly/nightly-volumesnapshots.json.gz", "cluster-a/backups/nightly/nightly.tar.gz",
              "cluster-a/backups/nightly/velero-backup.json"),
          keys(s3, "velero-eks"), "the source is never modified");
    }
  }

  @Test
  void copiesVolumeDataFromBucketToBucketAndResumes() throws Exception {
    Path sample = Path.of("sample-backups/eks-shop/backups/eks-shop-nightly-20261120");
    byte[] pack = new byte[(3 << 20) + 11]; // bigger than one read buffer, not a round size
    new java.util.Random(7).nextBytes(pack);
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket("vol-eks"));
      s3.createBucket(b -> b.bucket("vol-gke"));
      uploadFolder(s3, "vol-eks", "a/backups/eks-shop-nightly-20261120/", sample);
      s3.putObject(b -> b.bucket("vol-eks").key("a/kopia/shop/kopia.repository.f"), RequestBody.fromString("{}"));
      s3.putObject(b -> b.bucket("vol-eks").key("a/kopia/shop/p0a/p0a1b2c3"), RequestBody.fromBytes(pack));
      s3.putObject(b -> b.bucket("vol-eks").key("a/kopia/payments/kopia.repository.f"), RequestBody.fromString("{}"));

      var run = Cli.run(s3Server.settings(), "convert", "s3://vol-eks/a/backups/eks-shop-nightly-20261120", "--to", "s3://vol-gke/b", "--name", "c1",
          "--copy-volume-data");
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().contains("volume data: copied kopia/shop/ to s3://vol-gke/b/: 2 objects, 3.1 MB (0 already there and verified)"),
          run.out());
      assertEquals(List.of("b/kopia/shop/kopia.repository.f", "b/kopia/shop/p0a/p0a1b2c3"),
          keys(s3, "vol-gke").stream().filter(k -> k.contains("/kopia/")).toList(), "only the namespaces the backup's volumes are in");
      assertTrue(java.util.Arrays.equals(pack, s3.getObjectAsBytes(b -> b.bucket("vol-gke").key("b/kopia/shop/p0a/p0a1b2c3")).asByteArray()));

      var again = Cli.run(s3Server.settings(), "convert", "s3://vol-eks/a/backups/eks-shop-nightly-20261120", "--to", "s3://vol-gke/b", "--name", "c2",
          "--copy-volume-data");
      assertEquals(0, again.exitCode(), again.err());
      assertTrue(again.out().contains(": 0 objects, 0.0 MB (2 already there and verified)"), again.out());
    }
  }

  @Test
  void inspectReadsFromTheBucket() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket("velero-inspect"));
      uploadFolder(s3, "velero-inspect", "backups/nightly/", source);
    }
    var run = Cli.run(s3Server.settings(), "inspect", "s3://velero-inspect/backups/nightly", "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(3, Json.MAPPER.readTree(run.out()).path("items").asInt());
  }

  @Test
  void missingBucketIsAOneLineError() {
    var run = Cli.run(s3Server.settings(), "inspect", "s3://no-such-bucket-here/backups/nightly");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("transship: s3://no-such-bucket-here/backups/nightly/velero-backup.json: cannot read: "), run.err());
    assertEquals(1, run.err().lines().count());
  }

  @Test
  void missingBackupFolderIsAOneLineError() {
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket("velero-empty"));
    }
    var run = Cli.run(s3Server.settings(), "inspect", "s3://velero-empty/backups/nightly");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("velero-backup.json: missing"), run.err());
  }

  @Test
  void refusesToOverwriteABackupInTheBucket() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    try (S3Client s3 = client()) {
      s3.createBucket(b -> b.bucket("velero-twice"));
      uploadFolder(s3, "velero-twice", "backups/nightly/", source);
      var run = Cli.run(s3Server.settings(), "convert", "s3://velero-twice/backups/nightly", "--to", "s3://velero-twice", "--name", "nightly");
      assertEquals(2, run.exitCode());
      assertTrue(run.err().contains("already exists"), run.err());
      assertFalse(keys(s3, "velero-twice").isEmpty());
    }
  }

  @Test
  void unreachableEndpointIsAOneLineError() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    var run = Cli.run("inspect", "s3://velero-prod/backups/nightly", "--s3-endpoint", "http://127.0.0.1:" + closedPort, "--s3-region", "us-east-1");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("transship: s3://velero-prod/backups/nightly/velero-backup.json: cannot read: "), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }
}
