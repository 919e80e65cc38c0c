package dev.transship.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EKS sample's redis volume was backed up by kopia (a PodVolumeBackup in namespace shop with a
 * snapshot id), so its data lives in the location's kopia/shop/, beside the backups: convert into
 * another location says so, and --copy-volume-data brings it along.
 */
class VolumeDataCopyTest {
  private static final String BACKUP = "eks-shop-nightly-20261120";
  private static final String SAMPLE = "sample-backups/eks-shop/backups/" + BACKUP;

  @TempDir Path tmp;
  private Path source;
  private Path dest;

  @BeforeEach
  void sourceLocationWithKopiaRepository() throws Exception {
    source = tmp.resolve("source");
    copyTree(Path.of(SAMPLE), source.resolve("backups/" + BACKUP));
    // a kopia repository's shape: its format blob, an index and pack blobs named by content hash
    Path repo = Files.createDirectories(source.resolve("kopia/shop"));
    Files.writeString(repo.resolve("kopia.repository.f"), "{\"uniqueID\":\"r1\"}");
    Files.write(repo.resolve("xn0_4b8a1c"), randomBytes(1, 4096));
    Files.createDirectories(repo.resolve("p3f"));
    Files.write(repo.resolve("p3f/p3f0d6e1a2b"), randomBytes(2, 3 << 20));
    dest = tmp.resolve("dest");
  }

  private Cli.Run convert(String name, String... extra) {
    String[] args = Stream.concat(Stream.of("convert", source.resolve("backups/" + BACKUP).toString(), "--to", dest.toString(), "--name", name),
        Stream.of(extra)).toArray(String[]::new);
    return Cli.run(args);
  }

  @Test
  void withoutTheFlagItSaysWhichPrefixesTheNewLocationNeeds() {
    Cli.Run run = convert("copy-1");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("volume data: the new location needs kopia/shop/ from " + source.resolve("")
        + " or its volumes restore empty; add --copy-volume-data to copy them"), run.out());
    assertFalse(Files.exists(dest.resolve("kopia")));
  }

  @Test
  void copiesTheRepositoryVerifiedAndARerunResumes() throws Exception {
    Cli.Run first = convert("copy-1", "--copy-volume-data");

    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.out().contains("volume data: copied kopia/shop/ to " + dest.resolve("") + ": 3 objects, 3.1 MB (0 already there and verified)"),
        first.out());
    for (String file : new String[] {"kopia.repository.f", "xn0_4b8a1c", "p3f/p3f0d6e1a2b"}) {
      assertArrayEquals(Files.readAllBytes(source.resolve("kopia/shop/" + file)), Files.readAllBytes(dest.resolve("kopia/shop/" + file)), file);
    }
    assertTrue(Files.isRegularFile(dest.resolve("backups/copy-1/velero-backup.json")));
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(dest.resolve("kopia/shop/p3f/p3f0d6e1a2b"))), "readable by Velero, like any file it writes");

    // a blob damaged in place (same size) is found by its checksum and copied again
    Path damaged = dest.resolve("kopia/shop/xn0_4b8a1c");
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[100] ^= 1;
    Files.write(damaged, bytes);
    Cli.Run second = convert("copy-2", "--copy-volume-data");

    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.out().contains(": 1 objects, 0.0 MB (2 already there and verified)"), second.out());
    assertArrayEquals(Files.readAllBytes(source.resolve("kopia/shop/xn0_4b8a1c")), Files.readAllBytes(damaged));
    try (Stream<Path> files = Files.walk(dest.resolve("kopia"))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no partial upload left behind");
    }
  }

  @Test
  void missingSourceDataIsAnErrorBeforeAnyBackupIsWritten() throws Exception {
    deleteTree(source.resolve("kopia"));

    Cli.Run run = convert("copy-1", "--copy-volume-data");

    assertEquals(2, run.exitCode(), run.err());
    assertEquals("transship: " + source.resolve("kopia/shop/") + ": no volume data there, though the backup's PodVolumeBackups point at it",
        run.err().strip());
    assertFalse(Files.exists(dest.resolve("backups/copy-1")));
  }

  @Test
  void aTarballDestinationCannotTakeVolumeData() {
    Path tarball = tmp.resolve("out.tar.gz");
    Cli.Run run = Cli.run("convert", source.resolve("backups/" + BACKUP).toString(), "--to", tarball.toString(), "--copy-volume-data");

    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("transship: --copy-volume-data needs a storage location on both sides"), run.err());
    assertFalse(Files.exists(tarball));
  }

  @Test
  void theSameLocationNeedsNoCopy() {
    dest = source;
    Cli.Run run = convert("copy-1", "--copy-volume-data");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("volume data: kopia/shop/ already in this location"), run.out());
  }

  private static byte[] randomBytes(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName().toString()));
      }
    }
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
