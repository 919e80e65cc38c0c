package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.plan.PlanStage;
import dev.transship.plan.PlanStep;
import dev.transship.plan.RestoreNames;
import dev.transship.plan.RestorePlan;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * {@code --dry-run}: every object the run would create or patch, as YAML documents, built by the
 * same code as a real run; reads only (the target's Velero, the Backup, the run state), writes nothing.
 * Pull secrets are shown without their value, which is minted only at restore time.
 */
final class DryRun {
  private final RestorePlan plan;
  private final RunSettings settings;
  private final RunState state;
  private final VeleroTarget velero;
  private final PrintWriter out;

  DryRun(RestorePlan plan, RunSettings settings, RunState state, VeleroTarget velero, PrintWriter out) {
    this.plan = plan;
    this.settings = settings;
    this.state = state;
    this.velero = velero;
    this.out = out;
  }

  void print() throws TransshipException {
    String ns = settings.veleroNamespace();
    Optional<JsonNode> backup = velero.backup(plan.backupName());
    out.println("# dry run of plan " + plan.name() + ": nothing is created or changed");
    out.println("# Backup " + plan.backupName() + (backup.isPresent() ? " is in " + ns : " is not (yet) in " + ns + "; a run waits for it"));
    backup.flatMap(velero::writableLocationWarning).ifPresent(w -> out.println("# warning: " + w));
    document("create or renew in the target", lease());
    document("create or update in the target", stateConfigMap());
    for (PlanStage stage : plan.stages()) {
      if (state.done(stage.name())) {
        out.println("# stage " + stage.name() + ": already done");
        continue;
      }
      out.println("# stage " + stage.name() + ": " + stage.description());
      for (PlanStep step : stage.before()) {
        step(step);
      }
      if (stage.restore() != null) {
        int attempt = state.stage(stage.name()).map(RunState.Stage::attempt).orElse(1);
        String name = RestoreNames.attempt(plan.name(), stage.name(), attempt);
        document("create in the target (or adopt if it exists), then watch", RestoreObjects.restore(plan.name(), stage, attempt, ns));
        document("create in the target once the Restore ends, to fetch its results",
            RestoreObjects.resultsRequest(name, RestoreResults.requestName(name), ns));
      }
      for (PlanStep step : stage.after()) {
        step(step);
      }
    }
    out.flush();
  }

  private void step(PlanStep step) throws TransshipException {
    if (step instanceof PlanStep.Gate gate) {
      out.println("# gate " + gate.name() + (state.approved(gate.name()) || settings.approvals().contains(gate.name())
          ? ": approved" : ": the run stops here until approved") + ": " + gate.message());
    } else if (step instanceof PlanStep.RegeneratePullSecrets pull) {
      for (String ref : pull.secrets()) {
        ObjectRefs.Ref r = ObjectRefs.parse(ref);
        document("create or replace in the target, with a login minted by provider " + pull.provider(),
            RestoreObjects.pullSecret(r.namespace(), r.name(), pull.registry(), null));
      }
    } else if (step instanceof PlanStep.SuspendSourceCronJobs suspend) {
      for (String ref : suspend.cronJobs()) {
        document("patch (merge) in the source", cronJobPatch(ref));
      }
    } else if (step instanceof PlanStep.WaitForSourceJobs wait) {
      out.println("# wait up to " + wait.timeoutMinutes() + " min until no Job of " + String.join(", ", wait.cronJobs()) + " runs in the source");
    }
  }

  private static ObjectNode cronJobPatch(String ref) throws TransshipException {
    ObjectRefs.Ref r = ObjectRefs.parse(ref);
    ObjectNode patch = RestoreObjects.object("batch/v1", "CronJob", r.name(), r.namespace());
    patch.setAll(CronJobCutover.suspendPatch(true));
    return patch;
  }

  private ObjectNode lease() {
    ObjectNode lease = RestoreObjects.object("coordination.k8s.io/v1", "Lease", RunLease.leaseName(plan.name()), settings.veleroNamespace());
    lease.putObject("spec").put("holderIdentity", "<this run>").put("leaseDurationSeconds", RunLease.DURATION_SECONDS);
    return lease;
  }

  private ObjectNode stateConfigMap() {
    ObjectNode cm = RestoreObjects.object("v1", "ConfigMap", StateStore.configMapName(plan.name()), settings.veleroNamespace());
    cm.putObject("data").put(StateStore.KEY, Json.compact(state.toJson()));
    return cm;
  }

  private void document(String comment, ObjectNode object) {
    out.println("---");
    out.println("# " + comment);
    out.print(Json.yaml(object));
  }
}
