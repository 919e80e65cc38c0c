package dev.transship.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.archive.ManifestPacker;
import dev.transship.kube.Json;
import dev.transship.kube.YamlError;
import dev.transship.store.BackupDestinations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "pack",
    description = {
      "Build a Velero backup from live-object manifests.",
      "",
      "Takes kubectl get -o yaml output and writes a backup folder in the exact layout",
      "Velero writes. Used to build the sample backups and test fixtures."
    },
    mixinStandardHelpOptions = true)
final class PackCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MANIFESTS", description = "Folder of .yaml/.json files, read in file-name order.")
  Path manifests;

  @Option(names = "--backup", required = true, paramLabel = "FILE",
      description = "The velero.io/v1 Backup resource to store as velero-backup.json; its name names the backup.")
  Path backupFile;

  @Option(names = "--pod-volume-backups", paramLabel = "FILE",
      description = "A YAML list of PodVolumeBackup objects for <name>-podvolumebackups.json.gz.")
  Path podVolumeBackups;

  @Option(names = "--to", required = true, paramLabel = "DEST", description = "Storage location root to write into.")
  String to;

  @Mixin StoreOptions store;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var objects = ManifestPacker.read(manifests);
    ObjectNode backup = readYaml(backupFile) instanceof ObjectNode o ? o : null;
    if (backup == null || !"Backup".equals(backup.path("kind").asText())) {
      throw new TransshipException(backupFile + ": not a velero.io/v1 Backup");
    }
    ArrayNode pvbs = null;
    if (podVolumeBackups != null) {
      JsonNode node = readYaml(podVolumeBackups);
      if (!(node instanceof ArrayNode list)) {
        throw new TransshipException(podVolumeBackups + ": not a YAML list of PodVolumeBackups");
      }
      pvbs = list;
    }
    String where = ManifestPacker.pack(objects, backup, pvbs, BackupDestinations.open(to, store.clients()));
    spec.commandLine().getOut().printf("Packed %d objects into %s%n", objects.size(), where);
    return ExitCodes.OK;
  }

  private static JsonNode readYaml(Path file) throws TransshipException {
    try {
      return Json.YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new TransshipException(YamlError.describe(file, e));
    }
  }
}
