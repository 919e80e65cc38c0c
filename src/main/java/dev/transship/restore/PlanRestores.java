package dev.transship.restore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.plan.PlanStage;
import dev.transship.plan.RestorePlan;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan's Restores exactly as {@code transship restore} creates them on a first attempt, for a
 * person who reviews them or applies them with {@code kubectl apply}.
 */
public final class PlanRestores {
  private PlanRestores() {}

  public static List<ObjectNode> firstAttempts(RestorePlan plan) {
    List<ObjectNode> restores = new ArrayList<>();
    for (PlanStage stage : plan.stages()) {
      if (stage.restore() != null) {
        restores.add(RestoreObjects.restore(plan.name(), stage, 1, plan.veleroNamespace()));
      }
    }
    return restores;
  }
}
