package dev.transship.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.store.LocationAddress;
import dev.transship.store.LocationListing;
import dev.transship.store.ObjectStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ls", mixinStandardHelpOptions = true, description = {
    "List the backups in a storage location, as Velero's backup sync sees them.",
    "",
    "LOCATION is a storage location root: a folder holding backups/, s3://bucket[/prefix]",
    "or gs://bucket[/prefix]. Folders without velero-backup.json (a convert still",
    "running or killed) are listed apart: Velero skips them."})
final class LsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LOCATION", description = "The storage location root.")
  String location;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Mixin StoreOptions store;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws TransshipException {
    String chosen = Outputs.format(spec, format, List.of("text", "json"));
    LocationListing.Listing listing;
    try (ObjectStore root = store.clients().open(LocationAddress.parse(location))) {
      listing = LocationListing.of(root);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (chosen.equals("json")) {
      ArrayNode backups = Json.MAPPER.createArrayNode();
      for (LocationListing.Entry e : listing.backups()) {
        ObjectNode b = backups.addObject().put("name", e.name()).put("phase", e.phase()).put("items", e.items());
        e.started().ifPresent(t -> b.put("started", t.toString()));
        e.size().ifPresent(s -> b.put("size", s));
      }
      ObjectNode root = Json.MAPPER.createObjectNode();
      root.set("backups", backups);
      root.set("incomplete", Json.MAPPER.valueToTree(listing.incomplete()));
      out.println(root.toPrettyString());
    } else {
      out.printf("%-40s %-16s %6s %10s %8s%n", "NAME", "PHASE", "AGE", "SIZE", "ITEMS");
      Instant now = Instant.now();
      for (LocationListing.Entry e : listing.backups()) {
        out.printf("%-40s %-16s %6s %10s %8d%n", e.name(), e.phase(), e.started().map(t -> age(Duration.between(t, now))).orElse("?"),
            e.size().map(LsCommand::size).orElse("-"), e.items());
      }
      for (String name : listing.incomplete()) {
        out.printf("%-40s %-16s (no velero-backup.json: Velero skips it)%n", name, "incomplete");
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** Ages as kubectl prints them: 45s, 12m, 5h, 3d. */
  static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
  }

  static String size(long bytes) {
    return bytes < 1024 ? bytes + " B" : bytes < 1 << 20 ? String.format("%.1f KiB", bytes / 1024.0)
        : bytes < 1L << 30 ? String.format("%.1f MiB", bytes / 1048576.0) : String.format("%.1f GiB", bytes / 1073741824.0);
  }
}
