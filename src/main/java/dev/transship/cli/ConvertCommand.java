package dev.transship.cli;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.ArchiveWriter;
import dev.transship.archive.Progress;
import dev.transship.archive.PodVolumeBackups;
import dev.transship.convert.BackupConverter;
import dev.transship.convert.ConversionResult;
import dev.transship.pipeline.ObjectTransformer;
import dev.transship.finding.Severity;
import dev.transship.plan.PlanYaml;
import dev.transship.plan.Planner;
import dev.transship.plan.StageAssignment;
import dev.transship.report.ConversionReport;
import dev.transship.rules.OnError;
import dev.transship.rules.RuleBook;
import dev.transship.store.AtomicFile;
import dev.transship.store.BackupAddress;
import dev.transship.archive.BackupDestination;
import dev.transship.store.BackupDestinations;
import dev.transship.archive.BackupSource;
import dev.transship.store.BackupSources;
import dev.transship.store.DryRunDestination;
import dev.transship.store.LocationAddress;
import dev.transship.store.OutputFiles;
import dev.transship.store.StoreClients;
import dev.transship.store.VolumeDataCopy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "convert",
    description = {
      "Rewrite a backup with rule packs into a new backup Velero restores as-is.",
      "",
      "The copy gets a new name and a backup folder Velero's backup sync imports. The",
      "source is never modified and an existing backup is never overwritten.",
      "",
      "BACKUP is a .tar.gz file, a backup folder <root>/backups/<name>,",
      "s3://bucket[/prefix]/backups/<name>, gs://bucket[/prefix]/backups/<name>, or",
      "velero://CONTEXT/<name>[?namespace=NS], read through that kubeconfig context's",
      "Velero API (KUBECONFIG, else ~/.kube/config; namespace velero by default).",
      "DEST is a storage location root (a folder, s3://bucket[/prefix] or",
      "gs://bucket[/prefix]); the backup goes to DEST/backups/NAME. A DEST ending in",
      ".tar.gz gets the tarball alone.",
      "",
      "Without --rules the copy is identical item for item."
    },
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class ConvertCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BACKUP", description = "The backup to convert.")
  String backup;

  @Option(names = "--to", required = true, paramLabel = "DEST", description = "Where to write the new backup: a storage location root (folder, s3://, gs://) or a .tar.gz path; never inside the source.")
  String to;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Name of the new backup; needed unless DEST ends in .tar.gz.")
  String name;

  @Mixin RuleOptions ruleOptions;

  @Option(names = "--on-error", paramLabel = "MODE", defaultValue = "fail",
      description = "When an action cannot apply to an object: fail (stop, default) or report (keep the object unchanged, record an error).")
  String onError;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      description = "error (default), warning or never: exit 1 when a finding reaches it; the backup is still written.")
  String failOn;

  @Option(names = "--dry-run", description = "Convert and report, but write no backup.")
  boolean dryRun;

  @Option(names = "--copy-volume-data",
      description = "Copy the file-system backup data of the backup's volumes (kopia/<namespace>/, restic/<namespace>/) from the source's location to DEST before the backup is written; resumable, verified by size and SHA-256.")
  boolean copyVolumeData;

  @Option(names = "--compression-level", paramLabel = "N", defaultValue = "6",
      description = "gzip level of the new tarball, 1 (fastest) to 9 (smallest); default ${DEFAULT-VALUE}, the level Velero writes. Compressed by the system's libdeflate where the JDK (22+) can call it, else by zlib: --version says which. A copy without rules keeps the source's compressed bytes.")
  int compressionLevel;

  @Option(names = {"-q", "--quiet"}, description = "No progress display on the terminal.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"},
      description = "List every error and warning; by default more than " + FindingSummary.LIST_ALL_UP_TO + " are summed up by check.")
  boolean verbose;

  @Option(names = "--report", paramLabel = "FILE", description = "Write a report: each changed, dropped or generated object with every changed field before and after, and "
          + "every finding; .html for people (one page, grouped and filterable), .json for machines.")
  Path report;

  @Option(names = "--plan", paramLabel = "FILE",
      description = "Also write a staged restore plan, and stamp each object's stage as label transship.dev/stage.")
  Path plan;

  @Mixin PlanOptions planOptions;

  @Mixin StoreOptions store;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (compressionLevel < 1 || compressionLevel > 9) {
      throw new ParameterException(spec.commandLine(), "--compression-level must be 1 to 9, not " + compressionLevel);
    }
    String newName = newName();
    BackupAddress.checkName(newName);
    OnError mode = parseOnError();
    FailOn failLevel = FailOn.parse(spec, failOn);
    // Every file this run writes is checked before the backup is: a late failure would leave a backup behind.
    checkReportPath();
    List<Path> inputs = new ArrayList<>(ruleOptions.files());
    BackupAddress sourceAddress = BackupAddress.parse(backup);
    inputs.addAll(sourceAddress.localFiles());
    OutputFiles.check(List.of(new OutputFiles.Output("--report", report), new OutputFiles.Output("--plan", plan)), inputs);
    if (!to.contains("://")) {
      OutputFiles.refuseInputs(new OutputFiles.Output("--to", Path.of(to)), inputs);
    }
    // Rule packs and parameters are checked before any backup is read.
    ObjectTransformer transformer = ObjectTransformer.IDENTITY;
    ruleOptions.checkParametersHaveRules(spec);
    RuleBook book = ruleOptions.book();
    if (book != null) {
      transformer = ruleOptions.engine(mode);
    }
    Planner planner = null;
    if (plan == null) {
      planOptions.checkUnusedWithoutPlan(spec);
    } else {
      if (dryRun) {
        throw new ParameterException(spec.commandLine(), "--plan needs a written backup; drop --dry-run");
      }
      planner = new Planner(transformer, PlanOptions.stages(book), planOptions.toOptions(Instant.now(), true));
      transformer = planner;
    }
    StoreClients clients = store.clients();
    BackupSource source = BackupSources.open(sourceAddress, clients);
    BackupDestination destination = BackupDestinations.open(to, clients);
    // Volume data goes first: once the backup is in DEST, Velero may sync it and restore from it.
    List<String> volumeData = VolumeDataCopy.forConversion(source, destination, PodVolumeBackups.repositoryPrefixes(source),
        copyVolumeData && !dryRun);
    if (dryRun) {
      destination = new DryRunDestination(destination);
    }
    // Diffs are worked out and kept only for a report: most of a large conversion's time and memory otherwise.
    ConversionReport collected = report == null ? null : new ConversionReport();
    Progress progress = ProgressDisplay.open("convert", source.tarballSize(), quiet);
    BackupConverter converter = new BackupConverter(ArchiveLimits.DEFAULT, Clock.systemUTC(),
        collected == null ? BackupConverter.ChangeListener.NONE : collected,
        new ArchiveWriter.Compression(compressionLevel, ArchiveWriter.Compression.DEFAULT.threads()), progress);
    ConversionResult converted;
    try {
      converted = converter.convert(source, transformer, destination, newName);
    } finally {
      ProgressDisplay.close(progress);
    }
    try (ConversionResult result = converted) {
      if (report != null) {
        writeReport(collected, result);
      }
      if (planner != null) {
        PlanYaml.write(planner.plan(newName, result.destinationAddress()), plan);
      }
      print(result);
      warnIfSourceLocation(sourceAddress, newName);
      volumeData.forEach(spec.commandLine().getOut()::println);
      if (plan != null) {
        spec.commandLine().getOut().printf("Wrote restore plan %s (transship plan show %s); %d objects carry their stage in label %s%n",
            plan, plan, planner.stamped(), StageAssignment.STAGE_LABEL);
      }
      long reaching = Arrays.stream(Severity.values()).filter(failLevel::reachedBy).mapToLong(result.findings()::count).sum();
      if (reaching > 0) {
        spec.commandLine().getOut().printf("exit 1: %d finding(s) at or above --fail-on %s; the backup %s, but will not restore cleanly as it is%n",
            reaching, failLevel.name().toLowerCase(java.util.Locale.ROOT), dryRun ? "was not written (dry run)" : "was written");
        return ExitCodes.FINDINGS;
      }
      return ExitCodes.OK;
    }
  }

  /** Converting into the source's own location is allowed, but its Velero will list the copy beside the original. */
  private void warnIfSourceLocation(BackupAddress source, String newName) throws TransshipException {
    if (to.endsWith(".tar.gz") || !(source instanceof BackupAddress.InLocation in)) {
      return;
    }
    if (LocationAddress.parse(to).sameAs(in.location())) {
      spec.commandLine().getErr().println("warning: --to " + to + " is the source backup's own storage location: the Velero that syncs it will import "
          + newName + " beside " + in.name() + " and can restore it there");
    }
  }

  private String newName() {
    if (name != null) {
      return name;
    }
    if (!to.endsWith(".tar.gz")) {
      throw new ParameterException(spec.commandLine(), "--name is required when --to is a storage location");
    }
    return new BackupAddress.TarballFile(Path.of(to)).name();
  }

  private OnError parseOnError() {
    switch (onError) {
      case "fail":
        return OnError.FAIL;
      case "report":
        return OnError.REPORT;
      default:
        throw new ParameterException(spec.commandLine(), "--on-error must be fail or report, not '" + onError + "'");
    }
  }

  private void checkReportPath() {
    if (report == null) {
      return;
    }
    String file = report.getFileName().toString();
    if (!file.endsWith(".html") && !file.endsWith(".json")) {
      throw new ParameterException(spec.commandLine(), "--report must end in .html or .json");
    }
  }

  private void writeReport(ConversionReport collected, ConversionResult result) throws TransshipException {
    try (collected) {
      boolean html = report.toString().endsWith(".html");
      AtomicFile.write(report, out -> {
        if (html) {
          collected.writeHtml(result, out);
        } else {
          collected.writeJson(result, out);
        }
      });
    }
  }

  private void print(ConversionResult result) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s backup %s to %s%n", dryRun ? "Converted (dry run)" : "Wrote", result.name(), result.destinationAddress());
    out.printf("  %d items read, %d written (%d changed, %d dropped, %d generated)%n",
        result.itemsRead(), result.itemsWritten(), result.itemsChanged(), result.itemsDropped(), result.itemsGenerated());
    long errors = result.findings().count(Severity.ERROR);
    long warnings = result.findings().count(Severity.WARNING);
    if (result.findings().size() > 0) {
      out.printf("  %d findings: %d errors, %d warnings, %d info%s%n", result.findings().size(), errors, warnings,
          result.findings().size() - errors - warnings, report == null ? " (--report FILE for details)" : " (see " + report + ")");
      FindingSummary.print(out, result.findings(), verbose);
    }
    result.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
  }
}
