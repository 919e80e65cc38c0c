package dev.transship.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.BackupSummary;
import dev.transship.kube.Json;
import dev.transship.store.BackupAddress;
import dev.transship.archive.BackupSource;
import dev.transship.store.BackupSources;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "inspect",
    description = {
      "Show a backup's name, format, age, size and object counts.",
      "",
      "Counts are per resource and per namespace.",
      "",
      "BACKUP is a .tar.gz file, a backup folder <root>/backups/<name>,",
      "s3://bucket[/prefix]/backups/<name>, gs://bucket[/prefix]/backups/<name>, or",
      "velero://CONTEXT/<name>[?namespace=NS], read through that kubeconfig context's",
      "Velero API (KUBECONFIG, else ~/.kube/config; namespace velero by default)."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BACKUP", description = "The backup to inspect.")
  String backup;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Mixin StoreOptions store;

  @Spec CommandSpec spec;

  enum OutputFormat { text, json }

  @Override
  public Integer call() throws Exception {
    BackupSource source = BackupSources.open(BackupAddress.parse(backup), store.clients());
    List<String> warnings = new ArrayList<>();
    BackupSummary summary = BackupSummary.of(source, ArchiveLimits.DEFAULT, warnings);
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      out.println(Json.PRETTY.writeValueAsString(toJson(summary)));
    } else {
      printText(summary, out);
    }
    warnings.forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    return ExitCodes.OK;
  }

  private static ObjectNode toJson(BackupSummary s) {
    ObjectNode node = Json.object();
    node.put("name", s.name());
    node.put("address", s.address());
    node.put("phase", s.phase());
    node.put("formatVersion", s.formatVersion());
    node.put("created", s.created());
    node.put("expires", s.expires());
    if (s.tarballBytes().isPresent()) {
      node.put("tarballBytes", s.tarballBytes().getAsLong());
    }
    node.put("items", s.items());
    node.put("preferredVersionCopies", s.preferredVersionCopies());
    node.put("otherVersionCopies", s.otherVersionCopies());
    s.itemsByResource().forEach(node.putObject("itemsByResource")::put);
    s.itemsByNamespace().forEach(node.putObject("itemsByNamespace")::put);
    s.warnings().forEach(node.putArray("warnings")::add);
    return node;
  }

  private static void printText(BackupSummary s, PrintWriter out) {
    row(out, "Backup", s.name());
    row(out, "Address", s.address());
    row(out, "Phase", orDash(s.phase()));
    row(out, "Format version", orDash(s.formatVersion()));
    row(out, "Created", orDash(s.created()));
    row(out, "Expires", orDash(s.expires()));
    row(out, "Size", s.tarballBytes().isPresent() ? Sizes.human(s.tarballBytes().getAsLong()) + " (tarball)" : "-");
    row(out, "Items", s.items() + " (" + s.preferredVersionCopies() + " preferred-version copies, "
        + s.otherVersionCopies() + " other version copies)");
    table(out, "RESOURCE", s.itemsByResource());
    table(out, "NAMESPACE", s.itemsByNamespace());
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf("%-16s %s%n", label + ":", value);
  }

  private static void table(PrintWriter out, String heading, Map<String, Long> counts) {
    int width = Math.max(heading.length(), counts.keySet().stream().mapToInt(String::length).max().orElse(0));
    out.println();
    out.printf("%-" + width + "s  %s%n", heading, "ITEMS");
    counts.forEach((k, v) -> out.printf("%-" + width + "s  %d%n", k, v));
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
