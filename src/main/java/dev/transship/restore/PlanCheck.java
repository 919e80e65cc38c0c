package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.TransshipException;
import dev.transship.kube.KubeNames;
import dev.transship.plan.PlanStage;
import dev.transship.plan.PlanStep;
import dev.transship.plan.RestorePlan;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What a plan must be before it is run: a hand edit that breaks it is an error naming the stage, before anything is written. */
final class PlanCheck {
  private PlanCheck() {}

  static void check(Path file, RestorePlan plan) throws TransshipException {
    if (!KubeNames.isDnsLabel(plan.name()) || plan.name().length() > 50) {
      throw new TransshipException(file + ": metadata.name '" + plan.name() + "' must be a DNS label of at most 50 characters "
          + "(it names the run's Lease and state ConfigMap)");
    }
    if (plan.backupName().isEmpty()) {
      throw new TransshipException(file + ": backup.name is missing");
    }
    Set<String> stages = new HashSet<>();
    Set<String> gates = new HashSet<>();
    for (PlanStage stage : plan.stages()) {
      String where = file + ": stage '" + stage.name() + "'";
      if (!KubeNames.isDnsLabel(stage.name())) {
        throw new TransshipException(where + ": a stage name must be a DNS label (lower-case letters, digits, '-')");
      }
      if (!stages.add(stage.name())) {
        throw new TransshipException(where + " appears twice");
      }
      if (stage.restore() != null) {
        checkRestore(where, plan, stage.restore());
      }
      for (PlanStep step : concat(stage.before(), stage.after())) {
        checkStep(where, step, gates);
      }
      if (stage.cutover() != null) {
        for (String ref : stage.cutover().cronJobs()) {
          ref(where, ref);
        }
      }
    }
  }

  private static void checkRestore(String where, RestorePlan plan, JsonNode restore) throws TransshipException {
    if (!VeleroApi.API_VERSION.equals(restore.path("apiVersion").asText()) || !"Restore".equals(restore.path("kind").asText())) {
      throw new TransshipException(where + ": restore must be a velero.io/v1 Restore");
    }
    JsonNode spec = restore.path("spec");
    if (!spec.isObject()) {
      throw new TransshipException(where + ": restore has no spec");
    }
    if (!plan.backupName().equals(spec.path("backupName").asText())) {
      throw new TransshipException(where + ": restore.spec.backupName '" + spec.path("backupName").asText()
          + "' is not the plan's backup '" + plan.backupName() + "'");
    }
    if (spec.has("scheduleName")) {
      throw new TransshipException(where + ": restore.spec.scheduleName cannot be set with backupName");
    }
  }

  private static void checkStep(String where, PlanStep step, Set<String> gates) throws TransshipException {
    if (step instanceof PlanStep.Gate gate) {
      if (gate.name().isEmpty() || !gates.add(gate.name())) {
        throw new TransshipException(where + ": gate names must be set and unique, '" + gate.name() + "' is not");
      }
    } else if (step instanceof PlanStep.RegeneratePullSecrets pull) {
      if (!RegistryCredentials.PROVIDERS.contains(pull.provider())) {
        throw new TransshipException(where + ": unknown pull-secret provider '" + pull.provider() + "' (known: "
            + String.join(", ", RegistryCredentials.PROVIDERS) + ")");
      }
      if (pull.registry().isEmpty()) {
        throw new TransshipException(where + ": regeneratePullSecrets has no registry");
      }
      for (String ref : pull.secrets()) {
        ref(where, ref);
      }
    } else if (step instanceof PlanStep.SuspendSourceCronJobs suspend) {
      for (String ref : suspend.cronJobs()) {
        ref(where, ref);
      }
    } else if (step instanceof PlanStep.WaitForSourceJobs wait) {
      if (wait.timeoutMinutes() <= 0) {
        throw new TransshipException(where + ": waitForSourceJobs.timeoutMinutes must be more than 0");
      }
      for (String ref : wait.cronJobs()) {
        ref(where, ref);
      }
    }
  }

  private static void ref(String where, String ref) throws TransshipException {
    try {
      ObjectRefs.parse(ref);
    } catch (TransshipException e) {
      throw new TransshipException(where + ": " + e.getMessage());
    }
  }

  private static List<PlanStep> concat(List<PlanStep> a, List<PlanStep> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  /** Whether the plan needs the source cluster: it suspends or waits for CronJobs there. */
  static boolean needsSource(RestorePlan plan) {
    return plan.stages().stream().flatMap(s -> Stream.concat(s.before().stream(), s.after().stream()))
        .anyMatch(s -> s instanceof PlanStep.SuspendSourceCronJobs || s instanceof PlanStep.WaitForSourceJobs);
  }
}
