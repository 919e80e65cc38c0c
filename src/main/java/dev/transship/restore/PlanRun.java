package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.plan.PlanStage;
import dev.transship.plan.PlanStep;
import dev.transship.plan.RestoreNames;
import dev.transship.plan.RestorePlan;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a plan's stages in order against the target (and, for cutovers, the source): per stage the
 * steps before, the Restore (created or adopted, watched to its end, its results fetched), the
 * steps after; progress saved after every step so a run that dies resumes where it was.
 */
public final class PlanRun {
  /** A stage's Restore annotated so lets the run go on when Velero ends it PartiallyFailed. */
  static final String ALLOW_PARTIAL = "transship.dev/allow-partial-failure";

  private final RestorePlan plan;
  private final KubernetesClient target;
  private final KubernetesClient source;
  private final RunSettings settings;
  private final StateStore store;
  private final PullSecretMinter minter;
  private final PrintWriter out;
  private final PrintWriter err;
  private final VeleroRestores restores;
  private final RestoreResults results;
  private Instant lastRestoreFinished;
  private final List<Duration> handoffs = new ArrayList<>();

  /** A stage that cannot go on; {@code rollback} false when a Restore is still running and nothing may be undone. */
  private static final class StageFailure extends Exception {
    final boolean rollback;

    StageFailure(String message, boolean rollback) {
      super(message);
      this.rollback = rollback;
    }
  }

  PlanRun(RestorePlan plan, KubernetesClient target, KubernetesClient source, RunSettings settings, StateStore store,
      PullSecretMinter.Providers providers, PrintWriter out, PrintWriter err) {
    this.plan = plan;
    this.target = target;
    this.source = source;
    this.settings = settings;
    this.store = store;
    this.minter = new PullSecretMinter(target, providers, out);
    this.out = out;
    this.err = err;
    VeleroNamespace velero = new VeleroNamespace(target, settings.veleroNamespace());
    this.restores = new VeleroRestores(velero, new Progress(err));
    this.results = new RestoreResults(velero);
  }

  /** Runs what is left of the plan; the state must already be loaded and the Lease held. */
  RunResult run(RunState state, VeleroTarget velero) throws TransshipException {
    settings.approvals().forEach(state::approve);
    if (plan.stages().stream().allMatch(s -> state.done(s.name()))) {
      out.println("plan " + plan.name() + ": every stage is already done");
      return RunResult.DONE;
    }
    if (plan.stages().stream().anyMatch(s -> s.restore() != null && !state.done(s.name()))) {
      JsonNode backup = velero.awaitBackup(plan.backupName(), settings.timeout(), err);
      velero.writableLocationWarning(backup).ifPresent(w -> err.println("warning: " + w));
    }
    int number = 0;
    for (PlanStage stage : plan.stages()) {
      number++;
      if (state.done(stage.name())) {
        continue;
      }
      RunResult result;
      try {
        result = runStage(stage, number, state);
      } catch (RunInterrupted e) {
        throw e;
      } catch (TransshipException e) {
        throw new RunInterrupted(stage.name(), e);
      }
      if (result != RunResult.DONE) {
        return result;
      }
    }
    out.printf("plan %s: all %d stages done%s%n", plan.name(), plan.stages().size(), handoffSummary());
    return RunResult.DONE;
  }

  private String handoffSummary() {
    return handoffs.stream().max(Duration::compareTo)
        .map(d -> " (longest wait from a Restore's end to the next stage's start: " + d.toMillis() + " ms)").orElse("");
  }

  private RunResult runStage(PlanStage stage, int number, RunState state) throws TransshipException {
    Optional<RunState.Stage> previous = state.stage(stage.name());
    int attempt = previous.map(RunState.Stage::attempt).orElse(1);
    if (previous.isPresent() && previous.get().status() == RunState.Status.FAILED && stage.restore() != null
        && restores.find(RestoreNames.attempt(plan.name(), stage.name(), attempt)).isPresent()) {
      attempt++; // that attempt's Restore ended badly and Velero never reruns one: the retry needs a new name
    }
    Instant started = previous.filter(p -> p.status() == RunState.Status.RUNNING).map(RunState.Stage::started).orElse(Instant.now());
    if (lastRestoreFinished != null) {
      handoffs.add(Duration.between(lastRestoreFinished, Instant.now()));
      lastRestoreFinished = null;
    }
    String restoreName = stage.restore() == null ? null : RestoreNames.attempt(plan.name(), stage.name(), attempt);
    state.put(stage.name(), new RunState.Stage(attempt, RunState.Status.RUNNING, restoreName, null, started, null));
    store.save(state);
    out.printf("stage %d/%d %s: %s%s%n", number, plan.stages().size(), stage.name(), stage.description(),
        attempt > 1 ? " (attempt " + attempt + ")" : "");
    out.flush();
    String phase = null;
    try {
      for (PlanStep step : stage.before()) {
        if (!runStep(step, stage, state)) {
          return RunResult.AT_GATE;
        }
      }
      if (stage.restore() != null) {
        phase = runRestore(stage, attempt, restoreName, state);
      }
      for (PlanStep step : stage.after()) {
        if (!runStep(step, stage, state)) {
          return RunResult.AT_GATE;
        }
      }
    } catch (StageFailure | TransshipException e) {
      return fail(stage, state, restoreName, e);
    }
    state.setSuspendedInSource(stage.name(), List.of()); // cut over: they stay suspended in the source for good
    state.put(stage.name(), new RunState.Stage(attempt, RunState.Status.DONE, restoreName, phase, started, Instant.now()));
    store.save(state);
    out.printf("stage %s done%n", stage.name());
    return RunResult.DONE;
  }

  private RunResult fail(PlanStage stage, RunState state, String restoreName, Exception e) throws TransshipException {
    err.println("stage " + stage.name() + " failed: " + e.getMessage());
    boolean rollback = !(e instanceof StageFailure f) || f.rollback;
    RunState.Stage current = state.stage(stage.name()).orElseThrow();
    if (rollback) {
      try {
        rollBackCutover(stage, state, restoreName);
      } catch (TransshipException undo) {
        // The state keeps what the run suspended: --resume or a person finishes the job.
        err.println("could not undo the cutover: " + undo.getMessage());
      }
      state.put(stage.name(), new RunState.Stage(current.attempt(), RunState.Status.FAILED, restoreName, current.phase(),
          current.started(), Instant.now()));
      store.save(state);
      err.println("fix the cause, then run: " + settings.command() + " --resume");
    } else {
      err.println("the Restore keeps running in Velero; run again with --resume to go on watching it");
    }
    err.flush();
    return RunResult.STAGE_FAILED;
  }

  /**
   * After a failed cutover: remove what this Restore put in the target of the set's CronJobs, then
   * un-suspend those this run suspended in the source, so the work neither runs twice nor stops.
   */
  private void rollBackCutover(PlanStage stage, RunState state, String restoreName) throws TransshipException {
    List<String> suspended = state.suspendedInSource(stage.name());
    List<String> set = cutoverCronJobs(stage);
    if (set.isEmpty() && suspended.isEmpty()) {
      return;
    }
    CronJobCutover cutover = cutover();
    if (restoreName != null) {
      List<String> removed = cutover.removeFromTarget(set, restoreName);
      if (!removed.isEmpty()) {
        err.println("removed from the target (restored by " + restoreName + "): " + String.join(", ", removed));
      }
    }
    if (suspended.isEmpty()) {
      return;
    }
    if (!settings.unsuspendOnFailure()) {
      err.println("left suspended in the source (--no-unsuspend-on-failure): " + String.join(", ", suspended));
      return;
    }
    cutover.setSuspendedInSource(suspended, false);
    state.setSuspendedInSource(stage.name(), List.of());
    store.save(state);
    err.println("un-suspended in the source: " + String.join(", ", suspended));
  }

  private static List<String> cutoverCronJobs(PlanStage stage) {
    Set<String> refs = new LinkedHashSet<>();
    if (stage.cutover() != null) {
      refs.addAll(stage.cutover().cronJobs());
    }
    for (PlanStep step : stage.before()) {
      if (step instanceof PlanStep.SuspendSourceCronJobs s) {
        refs.addAll(s.cronJobs());
      }
    }
    return List.copyOf(refs);
  }

  /** Runs one step; false when the run must stop at a gate. */
  private boolean runStep(PlanStep step, PlanStage stage, RunState state) throws TransshipException {
    if (step instanceof PlanStep.Gate gate) {
      if (state.approved(gate.name())) {
        out.println("  gate " + gate.name() + ": approved");
        store.save(state);
        return true;
      }
      store.save(state);
      out.println(Gates.waiting(gate, stage.name(), settings.command()));
      out.flush();
      return false;
    }
    if (step instanceof PlanStep.RegeneratePullSecrets pull) {
      minter.mint(pull);
    } else if (step instanceof PlanStep.SuspendSourceCronJobs suspend) {
      CronJobCutover cutover = cutover();
      List<String> running = cutover.runningInSource(suspend.cronJobs());
      Set<String> ours = new LinkedHashSet<>(state.suspendedInSource(stage.name()));
      ours.addAll(running);
      state.setSuspendedInSource(stage.name(), List.copyOf(ours));
      store.save(state); // written before the patch: a run that dies between the two still knows what to un-suspend
      cutover.setSuspendedInSource(running, true);
      out.println("  suspended in the source: " + (running.isEmpty() ? "(all were already)" : String.join(", ", running)));
    } else if (step instanceof PlanStep.WaitForSourceJobs wait) {
      out.println("  waiting up to " + wait.timeoutMinutes() + " min for running Jobs of " + String.join(", ", wait.cronJobs()) + " in the source");
      out.flush();
      cutover().awaitNoActiveJobs(wait.cronJobs(), Duration.ofMinutes(wait.timeoutMinutes()));
      out.println("  no Job of the set runs in the source");
    }
    return true;
  }

  private CronJobCutover cutover() throws TransshipException {
    if (source == null) {
      throw new TransshipException("this stage acts on the source cluster, and no source context was given (--source-context)");
    }
    return new CronJobCutover(source, target);
  }

  /** Creates or adopts the stage's Restore, watches it to its end, prints its results; the phase when the stage may go on. */
  private String runRestore(PlanStage stage, int attempt, String name, RunState state) throws TransshipException, StageFailure {
    ObjectNode restore = RestoreObjects.restore(plan.name(), stage, attempt, settings.veleroNamespace());
    boolean created;
    try {
      created = restores.createOrAdopt(restore);
    } catch (TransshipException e) {
      // A create that errs or times out may still have reached Velero: undo nothing while that Restore may run.
      throw new StageFailure(e.getMessage(), !mayExist(name));
    }
    out.println("  " + (created ? "created" : "adopted existing") + " Restore " + settings.veleroNamespace() + "/" + name);
    out.flush();
    Optional<RestoreOutcome> ended;
    try {
      ended = restores.await(name, settings.timeout());
    } catch (TransshipException e) {
      throw new StageFailure(e.getMessage(), false); // the Restore runs on without our watch
    }
    if (ended.isEmpty()) {
      throw new StageFailure("Restore " + name + " has not finished after " + Durations.text(settings.timeout()), false);
    }
    RestoreOutcome outcome = ended.get();
    lastRestoreFinished = Instant.now();
    RunState.Stage current = state.stage(stage.name()).orElseThrow();
    state.put(stage.name(), new RunState.Stage(current.attempt(), current.status(), name, outcome.phase(), current.started(), null));
    store.save(state);
    (outcome.completed() ? out : err).println("  " + outcome.summary());
    if (outcome.hasResults() && (outcome.warnings() > 0 || outcome.errors() > 0)) {
      printResults(name);
    }
    if (outcome.completed()) {
      checkCutover(stage, name);
      return outcome.phase();
    }
    if (outcome.partiallyFailed() && allowsPartialFailure(stage)) {
      err.println("  stage " + stage.name() + " allows PartiallyFailed (" + ALLOW_PARTIAL + "); going on");
      checkCutover(stage, name);
      return outcome.phase();
    }
    throw new StageFailure(outcome.summary(), true);
  }

  /** Whether the Restore exists, or cannot be ruled out. */
  private boolean mayExist(String name) {
    try {
      return restores.find(name).isPresent();
    } catch (TransshipException e) {
      return true;
    }
  }

  private void checkCutover(PlanStage stage, String restoreName) throws TransshipException, StageFailure {
    List<String> set = cutoverCronJobs(stage);
    if (set.isEmpty()) {
      return;
    }
    List<String> problems = cutover().problemsInTarget(set);
    if (!problems.isEmpty()) {
      throw new StageFailure("after Restore " + restoreName + ": " + String.join("; ", problems), true);
    }
    out.println("  running in the target: " + String.join(", ", set));
  }

  private static boolean allowsPartialFailure(PlanStage stage) {
    return "true".equals(stage.restore().path("metadata").path("annotations").path(ALLOW_PARTIAL).asText());
  }

  private void printResults(String restoreName) {
    RestoreResults.Messages messages;
    try {
      messages = results.fetch(restoreName, settings.timeout());
    } catch (TransshipException e) {
      err.println("  warning: no detailed results: " + e.getMessage());
      return;
    }
    print("errors", messages.errors());
    print("warnings", messages.warnings());
    err.flush();
  }

  private void print(String kind, Map<String, List<String>> byScope) {
    byScope.forEach((scope, messages) -> {
      err.println("  " + kind + " (" + scope + "):");
      messages.forEach(m -> err.println("    " + m));
    });
  }
}
