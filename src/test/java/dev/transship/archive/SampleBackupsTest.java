package dev.transship.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The bundled samples: up to date with their manifests, and a lossless round trip through convert. */
class SampleBackupsTest {
  @TempDir Path tmp;

  private static Path sampleRoot(String sample) {
    return Backups.repoRoot().resolve("sample-backups").resolve(sample);
  }

  private static Path backupFolder(String sample) throws Exception {
    try (Stream<Path> folders = Files.list(sampleRoot(sample).resolve("backups"))) {
      return folders.findFirst().orElseThrow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"eks-shop", "gke-store", "velero-written"})
  void roundTripKeepsEveryItemPathAndValue(String sample) throws Exception {
    Path source = backupFolder(sample);
    var run = Cli.run("convert", source.toString(), "--to", tmp.toString(), "--name", "round-trip");
    assertEquals(0, run.exitCode(), run.err());
    var before = Backups.items(source.resolve(source.getFileName() + ".tar.gz"));
    var after = Backups.items(tmp.resolve("backups/round-trip/round-trip.tar.gz"));
    assertTrue(before.size() > 30, "sample has items: " + before.size());
    assertEquals(before, after);
  }

  @ParameterizedTest
  @ValueSource(strings = {"eks-shop", "gke-store"})
  void committedSampleMatchesItsManifests(String sample) throws Exception {
    Path root = sampleRoot(sample);
    String[] args = Files.exists(root.resolve("podvolumebackups.yaml"))
        ? new String[] {"pack", root.resolve("manifests").toString(), "--backup", root.resolve("backup.yaml").toString(),
            "--pod-volume-backups", root.resolve("podvolumebackups.yaml").toString(), "--to", tmp.toString()}
        : new String[] {"pack", root.resolve("manifests").toString(), "--backup", root.resolve("backup.yaml").toString(), "--to", tmp.toString()};
    var run = Cli.run(args);
    assertEquals(0, run.exitCode(), run.err());
    Path committed = backupFolder(sample);
    String name = committed.getFileName().toString();
    // the tar, not the gzip bytes: zlib (JDK 17) and libdeflate (JDK 22+) compress the same tar differently
    assertArrayEquals(inflated(committed.resolve(name + ".tar.gz")), inflated(tmp.resolve("backups").resolve(name).resolve(name + ".tar.gz")),
        "sample-backups/" + sample + " is stale: run scripts/build-samples.sh");
  }

  private static byte[] inflated(Path tarball) throws java.io.IOException {
    try (var in = new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(Files.newInputStream(tarball), true)) {
      return in.readAllBytes();
    }
  }
}
