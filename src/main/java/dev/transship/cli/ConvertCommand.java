package dev.transship.cli;

import dev.transship.archive.ArchiveLimits;
import dev.transship.convert.BackupConverter;
import dev.transship.convert.ConversionResult;
import dev.transship.convert.ObjectTransformer;
import dev.transship.store.BackupAddress;
import dev.transship.store.BackupDestination;
import dev.transship.store.BackupDestinations;
import dev.transship.store.BackupSource;
import dev.transship.store.BackupSources;
import dev.transship.store.StoreClients;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "convert",
    description = {
      "Write a copy of a backup under a new name, rewritten by rule packs, as a backup",
      "folder Velero's backup sync imports as-is. The source is never modified and an",
      "existing backup is never overwritten.",
      "",
      "BACKUP is a .tar.gz file, a backup folder <root>/backups/<name>,",
      "s3://bucket[/prefix]/backups/<name> or gs://bucket[/prefix]/backups/<name>.",
      "DEST is a storage location root (a folder, s3://bucket[/prefix] or",
      "gs://bucket[/prefix]); the backup goes to DEST/backups/NAME. A DEST ending in",
      ".tar.gz gets the tarball alone."
    },
    mixinStandardHelpOptions = true)
final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BACKUP", description = "The backup to convert.")
  String backup;

  @Option(names = "--to", required = true, paramLabel = "DEST", description = "Where to write the new backup.")
  String to;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Name of the new backup (required unless DEST is a .tar.gz file).")
  String name;

  @Mixin StoreOptions store;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    StoreClients clients = store.clients();
    String newName = name;
    if (newName == null) {
      if (!to.endsWith(".tar.gz")) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--name is required when --to is a storage location");
      }
      newName = new BackupAddress.TarballFile(java.nio.file.Path.of(to)).name();
    }
    BackupAddress.checkName(newName);
    BackupSource source = BackupSources.open(BackupAddress.parse(backup), clients);
    BackupDestination destination = BackupDestinations.open(to, clients);
    BackupConverter converter = new BackupConverter(ArchiveLimits.DEFAULT, Clock.systemUTC(), BackupConverter.ChangeListener.NONE);
    ConversionResult result = converter.convert(source, ObjectTransformer.IDENTITY, destination, newName);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Wrote backup %s to %s%n", result.name(), result.destinationAddress());
    out.printf("  %d items read, %d written (%d changed, %d dropped, %d generated)%n",
        result.itemsRead(), result.itemsWritten(), result.itemsChanged(), result.itemsDropped(), result.itemsGenerated());
    result.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    return ExitCodes.OK;
  }
}
