package dev.transship.restore;

import dev.transship.TransshipException;
import dev.transship.plan.PlanStage;
import dev.transship.plan.PlanStep;
import dev.transship.plan.RestorePlan;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** The human gates of a plan: a run stops at one until a person approves it by name. */
final class Gates {
  private Gates() {}

  /** Every gate name in the plan, in order. */
  static Set<String> names(RestorePlan plan) {
    Set<String> names = new LinkedHashSet<>();
    for (PlanStage stage : plan.stages()) {
      stage.before().forEach(s -> addGate(names, s));
      stage.after().forEach(s -> addGate(names, s));
    }
    return names;
  }

  private static void addGate(Set<String> names, PlanStep step) {
    if (step instanceof PlanStep.Gate gate) {
      names.add(gate.name());
    }
  }

  /** {@code --approve} may only name gates the plan has: a typo must not pass a gate silently, nor fail to. */
  static void checkApprovals(RestorePlan plan, Collection<String> approvals) throws TransshipException {
    Set<String> known = names(plan);
    for (String approval : approvals) {
      if (!known.contains(approval)) {
        throw new TransshipException("--approve " + approval + ": the plan has no such gate"
            + (known.isEmpty() ? "" : " (gates: " + String.join(", ", known) + ")"));
      }
    }
  }

  /** What a person reads when the run stops at a gate. */
  static String waiting(PlanStep.Gate gate, String stage, String command) {
    return "waiting at gate " + gate.name() + " (stage " + stage + "): " + gate.message() + "\n"
        + "when done, run: " + command + " --resume --approve " + gate.name();
  }
}
