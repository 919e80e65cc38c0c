package dev.transship.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.pipeline.ObjectTransformer;
import dev.transship.plan.PlanBuilder;
import dev.transship.plan.PlanMermaid;
import dev.transship.plan.PlanText;
import dev.transship.plan.PlanYaml;
import dev.transship.plan.Planner;
import dev.transship.plan.RestorePlan;
import dev.transship.plan.StageAssignment;
import dev.transship.restore.PlanRestores;
import dev.transship.store.AtomicFile;
import dev.transship.store.BackupAddress;
import dev.transship.store.BackupSources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true, subcommands = PlanCommand.Show.class,
    description = {
      "Build or show a staged restore plan.",
      "",
      "Builds the plan from a backup that `transship convert --plan` stamped (its",
      "objects carry transship.dev/stage labels), e.g. to re-forecast for another",
      "cutover time.",
      "`transship plan show FILE` prints a plan."})
final class PlanCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP", description = "A converted backup.")
  String backup;

  @Option(names = "--output-file", paramLabel = "FILE", description = "Where to write the plan (required; - for standard output).")
  Path output;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml", description = "yaml, the plan's only format (default).")
  String format;

  @Mixin PlanOptions planOptions;

  @Mixin StoreOptions store;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // Checked here rather than by picocli, so that `plan show FILE` does not ask for them.
    Outputs.format(spec, format, List.of("yaml"));
    if (backup == null || output == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "plan needs BACKUP and --output-file FILE (or the subcommand show)");
    }
    Outputs.checkFile(spec, output);
    boolean toStdout = output.toString().equals("-");
    if (!toStdout) {
      AtomicFile.checkWritable(output);
    }
    var source = BackupSources.open(BackupAddress.parse(backup), store.clients());
    Planner planner = new Planner(ObjectTransformer.IDENTITY, StageAssignment.defaults(), planOptions.toOptions(Instant.now(), false));
    // Printed once the plan is built: a failed run prints its one error line only, and the two
    // passes over the backup do not warn twice.
    Set<String> warnings = new LinkedHashSet<>();
    RestorePlan plan = PlanBuilder.fromConvertedBackup(source, planner, warnings::add);
    warnings.forEach(w -> spec.commandLine().getErr().println("warning: " + w));
    if (toStdout) {
      spec.commandLine().getOut().print(PlanYaml.text(plan));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    PlanYaml.write(plan, output);
    spec.commandLine().getOut().printf("Wrote restore plan %s with %d stages%n", output, plan.stages().size());
    return ExitCodes.OK;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = {
      "Print a restore plan for a person, as a Mermaid diagram, or its Restores as YAML.",
      "",
      "-o yaml prints the Restore of each stage as transship restore creates it on a",
      "first attempt, for review or kubectl apply; applied that way, the steps between",
      "stages (pull secrets, CronJob suspension, gates) are yours to run."})
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "A plan written by convert --plan or plan --output-file.")
    Path file;

    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
        description = "text, mermaid or yaml (default: ${DEFAULT-VALUE}).")
    String format;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws TransshipException {
      String chosen = Outputs.format(spec, format, List.of("text", "mermaid", "yaml"));
      RestorePlan plan = PlanYaml.read(file);
      switch (chosen) {
        case "text":
          PlanText.print(plan, spec.commandLine().getOut());
          break;
        case "mermaid":
          PlanMermaid.print(plan, spec.commandLine().getOut());
          break;
        default:
          for (ObjectNode restore : PlanRestores.firstAttempts(plan)) {
            spec.commandLine().getOut().print("---\n" + Json.yaml(restore));
          }
      }
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
