package dev.transship.cli;

import dev.transship.TransshipException;
import dev.transship.archive.BackupSource;
import dev.transship.archive.Progress;
import dev.transship.cloud.Target;
import dev.transship.finding.Severity;
import dev.transship.kube.Json;
import dev.transship.kube.KubeVersion;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintInput;
import dev.transship.lint.LintOptions;
import dev.transship.lint.Linter;
import dev.transship.lint.Suppressions;
import dev.transship.lint.checks.CheckCatalog;
import dev.transship.lint.checks.RemovedApiCheck;
import dev.transship.lint.output.CatalogueOutput;
import dev.transship.lint.output.GithubOutput;
import dev.transship.lint.output.JsonOutput;
import dev.transship.lint.output.JunitOutput;
import dev.transship.lint.output.LintReport;
import dev.transship.lint.output.SarifOutput;
import dev.transship.lint.output.TextOutput;
import dev.transship.rules.OnError;
import dev.transship.rules.RuleEngine;
import dev.transship.store.AtomicFile;
import dev.transship.store.BackupAddress;
import dev.transship.store.BackupSources;
import dev.transship.store.OutputFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check a backup (or plain manifests) for what will break a restore on the target.",
      "",
      "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 bad usage or input.",
      "Silence a check on one object with the annotation transship.dev/ignore: ID[,ID]."
    })
final class LintCommand implements Callable<Integer> {
  private static final List<String> REPORT_FORMATS = List.of("text", "json", "sarif", "junit", "github");

  @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP", description = "The backup to lint: a .tar.gz, a backup folder, an s3:// or gs:// address, or velero://CONTEXT/NAME[?namespace=NS] (through a cluster's Velero API).")
  String backup;

  @Option(names = "--manifests", paramLabel = "DIR", description = "Lint plain manifests (a folder, searched recursively, or one file) instead of a backup; repeat for more.")
  List<Path> manifests = new ArrayList<>();

  @Option(names = "--target", paramLabel = "TARGET", defaultValue = "gke", description = "gke, eks or same (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--target-version", paramLabel = "1.NN", description = "Kubernetes version of the target; without it the removed-api check does not run.")
  String targetVersion;

  @Option(names = "--source-cluster-name", paramLabel = "NAME", description = "Report literal references to this cluster name.")
  String sourceClusterName;

  /** With --rules, the rule packs' warnings and errors are reported too. */
  @Mixin RuleOptions ruleOptions;

  @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text, json, sarif, junit or github (with --list-checks: text, markdown or json).")
  String format;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error", description = "error (default), warning or never.")
  String failOn;

  @Option(names = "--output-file", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
  Path output;

  @Option(names = "--baseline", paramLabel = "FILE", description = "Hide the findings recorded in this baseline.")
  Path baseline;

  @Option(names = "--write-baseline", paramLabel = "FILE", description = "Record the current findings as the baseline (that run exits 0).")
  Path writeBaseline;

  @Option(names = {"-q", "--quiet"}, description = "No progress display on the terminal.")
  boolean quiet;

  @Option(names = "--list-checks", description = "Print the check catalogue and exit.")
  boolean listChecks;

  @Mixin StoreOptions store;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Outputs.checkFile(spec, output);
    if (listChecks) {
      format = Outputs.format(spec, format, List.of("text", "markdown", "json"));
      return listChecks();
    }
    if ((backup == null) == manifests.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give either BACKUP or --manifests DIR");
    }
    format = Outputs.format(spec, format, REPORT_FORMATS);
    if (baseline != null && writeBaseline != null) {
      throw new ParameterException(spec.commandLine(), "give --baseline or --write-baseline, not both (a new baseline records every current finding)");
    }
    ruleOptions.checkParametersHaveRules(spec);
    checkOutputs();
    Severity threshold = threshold();
    LintOptions options = new LintOptions(parseTarget(), parseVersion(), sourceClusterName, Instant.now());
    List<CheckInfo> catalogue = CheckCatalog.infos();
    Suppressions suppressions = baseline == null ? Suppressions.none()
        : Suppressions.readBaseline(baseline, catalogue.stream().map(CheckInfo::id).collect(Collectors.toSet()));
    RuleEngine engine = ruleOptions.any() ? ruleOptions.engine(OnError.REPORT) : null;
    List<String> warnings = new ArrayList<>();
    Progress progress = Progress.NONE;
    LintInput input;
    if (!manifests.isEmpty()) {
      input = LintInput.manifests(manifests);
    } else {
      BackupSource source = BackupSources.open(BackupAddress.parse(backup), store.clients());
      progress = ProgressDisplay.open("lint", source.tarballSize(), quiet);
      input = LintInput.of(source, warnings::add, progress);
    }
    Linter.Result linted;
    try {
      linted = new Linter(CheckCatalog.create(), engine, suppressions).run(input, options.withDefaultVolumesToFsBackup(input.defaultVolumesToFsBackup()));
    } finally {
      ProgressDisplay.close(progress);
    }
    try (Linter.Result result = linted) {
      LintReport report = new LintReport(input.address(), catalogue, result.findings(), result.suppressed(), result.objects(), input::locate);
      emit(out -> render(report, out));
      if (writeBaseline != null) {
        Suppressions.writeBaseline(writeBaseline, result.findings());
      }
      warnings.forEach(w -> spec.commandLine().getErr().println("warning: " + w));
      if (format.equals("sarif") && SarifOutput.omitted(report) > 0) {
        spec.commandLine().getErr().println("warning: the SARIF report leaves out the " + SarifOutput.omitted(report)
            + " least severe findings: code scanning takes at most " + SarifOutput.MAX_RESULTS);
      }
      // Recording a baseline accepts today's findings, so that run passes.
      boolean failed = threshold != null && writeBaseline == null && result.findings().anyAtLeast(threshold);
      return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
  }

  /** -o and --write-baseline must be writable, and must not replace an input or each other. */
  private void checkOutputs() throws TransshipException {
    List<Path> inputs = new ArrayList<>(ruleOptions.files());
    inputs.add(baseline);
    inputs.addAll(manifests);
    if (backup != null) {
      inputs.addAll(BackupAddress.parse(backup).localFiles());
    }
    OutputFiles.check(List.of(new OutputFiles.Output("--output-file", output), new OutputFiles.Output("--write-baseline", writeBaseline)), inputs);
  }

  private Integer listChecks() throws Exception {
    if (backup != null || !manifests.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--list-checks takes no BACKUP or --manifests");
    }
    List<CheckInfo> checks = CheckCatalog.infos();
    if (output == null) {
      // `--list-checks | head` closes the pipe early on purpose: the reader has what it wanted
      PrintWriter out = spec.commandLine().getOut();
      renderCatalogue(checks, out);
      out.flush();
      return ExitCodes.OK;
    }
    emit(writer -> {
      PrintWriter out = new PrintWriter(writer);
      renderCatalogue(checks, out);
      flush(out);
    });
    return ExitCodes.OK;
  }

  private void renderCatalogue(List<CheckInfo> checks, PrintWriter out) throws IOException {
    switch (format) {
      case "markdown":
        CatalogueOutput.markdown(checks, out);
        break;
      case "json":
        out.println(Json.PRETTY.writeValueAsString(checks));
        break;
      default:
        CatalogueOutput.text(checks, out);
    }
  }

  private void render(LintReport report, Writer writer) throws IOException {
    switch (format) {
      case "json":
        JsonOutput.write(report, writer);
        break;
      case "sarif":
        SarifOutput.write(report, new Main.Version().getVersion()[0].replace("transship ", ""), writer);
        break;
      case "junit":
        JunitOutput.write(report, threshold(), writer);
        break;
      default:
        PrintWriter out = new PrintWriter(writer);
        if (format.equals("github")) {
          GithubOutput.write(report, out);
        } else {
          TextOutput.write(report, out, TextOutput.colourFor(output == null && System.console() != null, System.getenv("NO_COLOR")));
        }
        flush(out);
    }
  }

  /** PrintWriter keeps write errors to itself; a report cut short must fail, not be published. */
  private static void flush(PrintWriter out) throws IOException {
    if (out.checkError()) {
      throw new IOException("write failed");
    }
  }

  /** Writes to --output-file atomically (nothing on failure), or to standard output. */
  private void emit(AtomicFile.Content content) throws TransshipException {
    if (output != null) {
      AtomicFile.write(output, content);
      return;
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      content.writeTo(out);
    } catch (IOException | UncheckedIOException e) {
      throw new TransshipException("standard output: cannot write the report");
    }
    // PrintWriter keeps write errors to itself (a full disk, a closed pipe): a CI job must not pass on a lost report.
    if (out.checkError()) {
      throw new TransshipException("standard output: cannot write the report");
    }
  }

  private Severity threshold() {
    return FailOn.parse(spec, failOn).threshold();
  }

  private Target parseTarget() {
    try {
      return Target.parse(target);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--target must be gke, eks or same, not '" + target + "'");
    }
  }

  private KubeVersion parseVersion() throws TransshipException {
    if (targetVersion == null) {
      return null;
    }
    try {
      KubeVersion version = KubeVersion.parse(targetVersion);
      RemovedApiCheck.checkTargetVersion(version);
      if (version.compareTo(RemovedApiCheck.newestListed()) > 0) {
        spec.commandLine().getErr().println("warning: --target-version " + version + ": removals after " + RemovedApiCheck.newestListed()
            + " are not known to this transship yet; only those up to " + RemovedApiCheck.newestListed() + " are checked");
      }
      return version;
    } catch (IllegalArgumentException e) {
      throw new TransshipException("--target-version: " + e.getMessage());
    }
  }
}
