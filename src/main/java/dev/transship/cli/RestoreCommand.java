package dev.transship.cli;

import dev.transship.TransshipException;
import dev.transship.restore.Durations;
import dev.transship.restore.ClusterTimeouts;
import dev.transship.restore.RestoreDriver;
import dev.transship.restore.RunInterrupted;
import dev.transship.restore.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Run a restore plan against the clusters, stage by stage.",
      "",
      "One Velero Restore per stage, in order, with the cutover steps between them",
      "(pull secrets minted, source CronJobs suspended, gates).",
      "",
      "Progress is kept in a ConfigMap in the target's Velero namespace and a local",
      "file, so --resume continues after a crash, a failed stage or a gate, also from",
      "another machine; a Lease refuses a second run of the same plan.",
      "",
      "Exit codes: 0 done, 2 bad input (nothing was changed), 3 a stage failed,",
      "4 waiting at a gate, 5 interrupted by a cluster or state-store error once",
      "the run had begun (--resume continues)."})
final class RestoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PLAN", description = "A plan written by convert --plan or plan -o.")
  Path plan;

  @Option(names = "--target-context", paramLabel = "CONTEXT", description = "kubeconfig context of the target cluster (default: the plan's, else the current one).")
  String targetContext;

  @Option(names = "--source-context", paramLabel = "CONTEXT", description = "kubeconfig context of the source cluster, for CronJob cutovers (default: the plan's, else the current one).")
  String sourceContext;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: KUBECONFIG, else ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--velero-namespace", paramLabel = "NS", description = "Velero's namespace in the target (default: the plan's).")
  String veleroNamespace;

  @Option(names = "--resume", description = "Continue a run that stopped: at a gate, after a failed stage or a crash.")
  boolean resume;

  @Option(names = "--approve", paramLabel = "GATE", description = "Approve a gate by name (repeatable); needs --resume.")
  List<String> approve = new ArrayList<>();

  @Option(names = "--dry-run", description = "Print every object the run would create or patch, as YAML; change nothing.")
  boolean dryRun;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1h",
      description = "How long to wait for Velero: the Backup to sync in, each Restore, each result download (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--unsuspend-on-failure", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "When a cutover stage fails, un-suspend its CronJobs in the source (default: true).")
  boolean unsuspendOnFailure;

  @Option(names = "--docker-config", paramLabel = "FILE",
      description = "config.json for pull secrets of provider dockerconfig (default: $DOCKER_CONFIG/config.json, else ~/.docker/config.json).")
  Path dockerConfig;

  @Option(names = "--state-file", paramLabel = "FILE", description = "Local copy of the run state (default: PLAN.state.json beside the plan).")
  Path stateFile;

  @Spec CommandSpec spec;

  private final ClusterTimeouts clusterTimeouts;

  RestoreCommand() {
    this(ClusterTimeouts.DEFAULTS);
  }

  RestoreCommand(ClusterTimeouts clusterTimeouts) {
    this.clusterTimeouts = clusterTimeouts;
  }

  @Override
  public Integer call() throws TransshipException {
    Path state = stateFile != null ? stateFile : plan.resolveSibling(plan.getFileName() + ".state.json");
    var request = new RestoreDriver.Request(plan, kubeconfig, targetContext, sourceContext, veleroNamespace,
        Durations.parse(timeout), resume, new LinkedHashSet<>(approve), dryRun, unsuspendOnFailure, dockerConfig(), state, clusterTimeouts);
    RunResult result;
    try {
      result = RestoreDriver.run(request, spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (RunInterrupted e) {
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().println("transship: " + e.getMessage());
      return ExitCodes.INTERRUPTED;
    }
    spec.commandLine().getOut().flush();
    return switch (result) {
      case DONE -> ExitCodes.OK;
      case STAGE_FAILED -> ExitCodes.STAGE_FAILED;
      case AT_GATE -> ExitCodes.AT_GATE;
    };
  }

  private Path dockerConfig() {
    if (dockerConfig != null) {
      return dockerConfig;
    }
    String dir = System.getenv("DOCKER_CONFIG");
    return dir != null ? Path.of(dir, "config.json") : Path.of(System.getProperty("user.home"), ".docker", "config.json");
  }
}
