package dev.transship.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LsCommandTest {
  @TempDir Path tmp;

  @Test
  void listsImportableBackupsAndApartTheFoldersVeleroSkips() throws Exception {
    Path location = tmp.resolve("loc");
    Path backup = Files.createDirectories(location.resolve("backups/" + Backups.EKS_SAMPLE));
    try (Stream<Path> files = Files.list(Backups.eksSample())) {
      for (Path f : files.toList()) {
        Files.copy(f, backup.resolve(f.getFileName().toString()));
      }
    }
    Files.createDirectories(location.resolve("backups/half-written")).resolve("half-written.tar.gz").toFile().createNewFile();

    var text = Cli.run("ls", location.toString());
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().lines().anyMatch(l -> l.startsWith(Backups.EKS_SAMPLE) && l.contains("Completed") && l.trim().endsWith("83")), text.out());
    assertTrue(text.out().contains("half-written") && text.out().contains("Velero skips it"), text.out());

    JsonNode json = Json.MAPPER.readTree(Cli.run("ls", location.toString(), "-o", "json").out());
    JsonNode listed = json.path("backups").get(0);
    assertEquals(Backups.EKS_SAMPLE, listed.path("name").asText());
    assertEquals(83, listed.path("items").asInt());
    assertEquals(Files.size(backup.resolve(Backups.EKS_SAMPLE + ".tar.gz")), listed.path("size").asLong());
    assertEquals("half-written", json.path("incomplete").get(0).asText());
  }

  @Test
  void aBackupFolderInsteadOfTheRootIsOneLine() {
    var run = Cli.run("ls", Backups.eksSample().toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("transship: ") && run.err().contains("give the location root"), run.err());
  }

  @Test
  void agesReadLikeKubectls() {
    assertEquals("45s", LsCommand.age(Duration.ofSeconds(45)));
    assertEquals("12m", LsCommand.age(Duration.ofMinutes(12)));
    assertEquals("5h", LsCommand.age(Duration.ofHours(5)));
    assertEquals("3d", LsCommand.age(Duration.ofDays(3)));
  }
}
