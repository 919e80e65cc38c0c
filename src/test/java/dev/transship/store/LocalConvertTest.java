package dev.transship.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.Gzip;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.CrdSchemas;
import dev.transship.testing.SampleFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identity convert between local storage locations and tarballs, driven through the CLI. */
class LocalConvertTest {
  @TempDir Path tmp;

  @Test
  void identityConvertKeepsEveryItemAndWritesAnImportableFolder() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    Path dest = tmp.resolve("dest");
    var run = Cli.run("convert", source.toString(), "--to", dest.toString(), "--name", "nightly-copy");
    assertEquals(0, run.exitCode(), run.err());

    Path copy = dest.resolve("backups/nightly-copy");
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)), "readable by Velero's sync like the files in it");
    assertEquals(Backups.items(source.resolve("nightly.tar.gz")), Backups.items(copy.resolve("nightly-copy.tar.gz")));
    try (Stream<Path> files = Files.list(copy)) {
      // Every side file real Velero v1.18 writes, also when it has no entries.
      assertEquals(List.of("nightly-copy-itemoperations.json.gz", "nightly-copy-logs.gz", "nightly-copy-podvolumebackups.json.gz",
              "nightly-copy-resource-list.json.gz", "nightly-copy-results.gz", "nightly-copy-volumeinfo.json.gz",
              "nightly-copy-volumesnapshots.json.gz", "nightly-copy.tar.gz", "velero-backup.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (Stream<Path> top = Files.list(dest)) {
      assertEquals(List.of("backups"), top.map(p -> p.getFileName().toString()).toList(), "no other top-level folder");
    }
  }

  @Test
  void writtenBackupResourceIsWhatVeleroSyncImports() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    Path dest = tmp.resolve("dest");
    assertEquals(0, Cli.run("convert", source.toString(), "--to", dest.toString(), "--name", "nightly-copy").exitCode());

    JsonNode backup = Json.MAPPER.readTree(dest.resolve("backups/nightly-copy/velero-backup.json").toFile());
    assertEquals("nightly-copy", backup.at("/metadata/name").asText());
    assertEquals("Completed", backup.at("/status/phase").asText());
    assertEquals("1.1.0", backup.at("/status/formatVersion").asText());
    assertTrue(backup.at("/status/expiration").isMissingNode(), "a past expiration would make Velero's GC delete the copy");
    assertTrue(backup.at("/metadata/uid").isMissingNode());
    assertTrue(backup.at("/metadata/labels/velero.io~1schedule-name").isMissingNode());
    assertEquals("nightly", backup.at("/metadata/annotations/transship.dev~1source-backup").asText());
    assertEquals(3, backup.at("/status/progress/itemsBackedUp").asInt());
    var schema = CrdSchemas.load(CrdSchemas.veleroCrd("velero.io_backups.yaml"), "v1");
    assertEquals(List.of(), CrdSchemas.errors(schema, backup));
  }

  @Test
  void podVolumeBackupsAreRenamedForTheCopyAndStillValid() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    Path dest = tmp.resolve("dest");
    assertEquals(0, Cli.run("convert", source.toString(), "--to", dest.toString(), "--name", "copy").exitCode());

    JsonNode pvbs = Json.MAPPER.readTree(Gzip.decompress(Files.readAllBytes(dest.resolve("backups/copy/copy-podvolumebackups.json.gz"))));
    JsonNode pvb = pvbs.get(0);
    assertEquals("copy-x7k2p", pvb.at("/metadata/name").asText());
    assertEquals("copy", pvb.at("/metadata/labels/velero.io~1backup-name").asText());
    assertEquals("copy", pvb.at("/metadata/ownerReferences/0/name").asText());
    var schema = CrdSchemas.load(CrdSchemas.veleroCrd("velero.io_podvolumebackups.yaml"), "v1");
    assertEquals(List.of(), CrdSchemas.errors(schema, pvb));
  }

  @Test
  void resourceListIsRegeneratedFromWhatWasWritten() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    Path dest = tmp.resolve("dest");
    assertEquals(0, Cli.run("convert", source.toString(), "--to", dest.toString(), "--name", "copy").exitCode());
    JsonNode list = Json.MAPPER.readTree(Gzip.decompress(Files.readAllBytes(dest.resolve("backups/copy/copy-resource-list.json.gz"))));
    assertEquals("[\"shop/web\"]", list.get("apps/v1/Deployment").toString());
    assertEquals("[\"shop\"]", list.get("v1/Namespace").toString());
  }

  @Test
  void neverOverwritesAnExistingBackup() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    var run = Cli.run("convert", source.toString(), "--to", source.getParent().getParent().toString(), "--name", "nightly");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("already exists (transship never overwrites a backup)"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void noOutputLandsInsideTheSourceBackupFolder() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    Path dest = tmp.resolve("dest");
    List<String> before;
    try (Stream<Path> files = Files.list(source)) {
      before = files.map(Path::toString).sorted().toList();
    }
    Path report = source.resolve("report.html");
    var intoReport = Cli.run("convert", source.toString(), "--to", dest.toString(), "--name", "copy", "--report", report.toString());
    assertEquals(2, intoReport.exitCode(), intoReport.err());
    assertEquals("transship: " + report + ": --report would overwrite an input of this run (" + source + "); write elsewhere", intoReport.err().strip());
    Path tarball = source.resolve("copy.tar.gz");
    var intoTarball = Cli.run("convert", source.toString(), "--to", tarball.toString());
    assertEquals(2, intoTarball.exitCode(), intoTarball.err());
    assertTrue(intoTarball.err().contains("--to would overwrite an input of this run"), intoTarball.err());
    try (Stream<Path> files = Files.list(source)) {
      assertEquals(before, files.map(Path::toString).sorted().toList());
    }
    assertFalse(Files.exists(dest));
  }

  @Test
  void convertingIntoTheSourcesOwnLocationWarnsThatVeleroThereImportsTheCopy() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    Path location = source.getParent().getParent();
    var run = Cli.run("convert", source.toString(), "--to", location.resolve(".").toString(), "--name", "nightly-copy");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("warning: --to " + location.resolve(".") + " is the source backup's own storage location: the Velero that syncs it will import"
        + " nightly-copy beside nightly and can restore it there", run.err().strip());
    var elsewhere = Cli.run("convert", source.toString(), "--to", tmp.resolve("other").toString(), "--name", "nightly-copy");
    assertEquals(0, elsewhere.exitCode(), elsewhere.err());
    assertFalse(elsewhere.err().contains("own storage location"), elsewhere.err());
  }

  @Test
  void convertsToABareTarballAndBack() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    Path tarball = tmp.resolve("out.tar.gz");
    assertEquals(0, Cli.run("convert", source.toString(), "--to", tarball.toString()).exitCode());
    assertEquals(Backups.items(source.resolve("nightly.tar.gz")), Backups.items(tarball));
    var again = Cli.run("convert", tarball.toString(), "--to", tmp.resolve("loc").toString(), "--name", "from-tarball");
    assertEquals(0, again.exitCode(), again.err());
    JsonNode backup = Json.MAPPER.readTree(tmp.resolve("loc/backups/from-tarball/velero-backup.json").toFile());
    assertEquals("Completed", backup.at("/status/phase").asText());
  }

  @Test
  void badInputLeavesNoPartialOutput() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    // Corrupt the source tarball: the convert must fail with one line and leave nothing behind.
    Path tarball = source.resolve("nightly.tar.gz");
    byte[] bytes = Files.readAllBytes(tarball);
    Files.write(tarball, java.util.Arrays.copyOf(bytes, bytes.length - 40));
    Path dest = tmp.resolve("dest");
    Files.createDirectories(dest);
    var run = Cli.run("convert", source.toString(), "--to", dest.toString(), "--name", "copy");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("transship: " + source), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
    try (Stream<Path> left = Files.walk(dest)) {
      assertEquals(List.of(dest), left.toList(), "the staging folder and the backups/ folder it made must be removed");
    }
    Path fresh = tmp.resolve("fresh/location");
    assertEquals(2, Cli.run("convert", source.toString(), "--to", fresh.toString(), "--name", "copy").exitCode());
    assertFalse(Files.exists(tmp.resolve("fresh")), "folders a failed run created are removed");
  }

  @Test
  void outputFilesAreCheckedBeforeAnyBackupIsWritten() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    Path dest = tmp.resolve("dest");
    Path folder = Files.createDirectories(tmp.resolve("a-folder"));
    for (List<String> extra : List.of(List.of("--plan", folder.toString()), List.of("--report", tmp.resolve("no/such/r.html").toString()),
        List.of("--plan", tmp.resolve("same.json").toString(), "--report", tmp.resolve("same.json").toString()))) {
      List<String> args = new java.util.ArrayList<>(List.of("convert", source.toString(), "--to", dest.toString(), "--name", "copy"));
      args.addAll(extra);
      var run = Cli.run(args.toArray(String[]::new));
      assertEquals(2, run.exitCode(), extra.toString());
      assertEquals(1, run.err().strip().lines().count(), run.err());
      assertFalse(Files.exists(dest), extra + " left " + dest);
    }
  }

  @Test
  void destinationMustBeALocationRootNotABackupOrItsBackupsFolder() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    Path dest = tmp.resolve("dest");
    assertEquals(0, Cli.run("convert", source.toString(), "--to", dest.toString(), "--name", "first").exitCode());
    for (String to : List.of(dest.resolve("backups/first").toString(), dest.resolve("backups").toString(), "s3://bucket/backups/first")) {
      var run = Cli.run("convert", source.toString(), "--to", to, "--name", "nested");
      assertEquals(2, run.exitCode(), to);
      assertTrue(run.err().contains("give the location root"), run.err());
    }
    try (Stream<Path> left = Files.list(dest.resolve("backups"))) {
      assertEquals(List.of(dest.resolve("backups/first")), left.toList());
    }
  }

  @Test
  void theFileSystemRootIsAPlainDestinationNotACrash() throws Exception {
    var run = Cli.run("convert", tmp.resolve("missing.tar.gz").toString(), "--to", "/", "--name", "x");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("transship: " + tmp.resolve("missing.tar.gz")), run.err());
  }

  @Test
  void missingVeleroBackupJsonIsOneLineError() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    Files.delete(source.resolve("velero-backup.json"));
    var run = Cli.run("inspect", source.toString());
    assertEquals(2, run.exitCode());
    assertEquals("transship: " + source.resolve("velero-backup.json") + ": missing, so this is not a Velero backup folder (Velero's sync skips it too)",
        run.err().strip());
  }

  @Test
  void inspectReportsCountsPerResourceAndNamespace() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    var run = Cli.run("inspect", source.toString(), "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode summary = Json.MAPPER.readTree(run.out());
    assertEquals("nightly", summary.path("name").asText());
    assertEquals("1.1.0", summary.path("formatVersion").asText());
    assertEquals(3, summary.path("items").asInt());
    assertEquals(3, summary.path("preferredVersionCopies").asInt());
    assertEquals(1, summary.at("/itemsByResource/deployments.apps").asInt());
    assertEquals(2, summary.at("/itemsByNamespace/shop").asInt());
    assertEquals(1, summary.at("/itemsByNamespace/(cluster)").asInt());
    var text = Cli.run("inspect", source.toString());
    assertTrue(text.out().contains("Format version:  1.1.0"), text.out());
    assertTrue(text.out().contains("deployments.apps"), text.out());
  }

  @Test
  void secretValuesNeverReachTheOutput() throws Exception {
    Path source = SampleFolders.packNightly(tmp);
    var inspect = Cli.run("inspect", source.toString(), "-o", "json");
    var convert = Cli.run("convert", source.toString(), "--to", tmp.resolve("d").toString(), "--name", "c");
    for (var run : List.of(inspect, convert)) {
      assertFalse((run.out() + run.err()).contains("c3VwZXItc2VjcmV0LXZhbHVl"));
      assertFalse((run.out() + run.err()).contains("super-secret-value"));
    }
  }
}
