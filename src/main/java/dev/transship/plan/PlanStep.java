package dev.transship.plan;

import java.util.List;

/** A step the restore runs before or after a stage's Velero Restore: the things Velero cannot do. */
public sealed interface PlanStep {
  /** The step's key in the plan YAML. */
  String type();

  /**
   * Mint fresh registry pull secrets in the target just before they are needed (an ECR token
   * expires after 12 h). Names only; credentials are read at restore time, never stored here.
   */
  record RegeneratePullSecrets(List<String> secrets, String registry, String provider) implements PlanStep {
    @Override
    public String type() {
      return "regeneratePullSecrets";
    }
  }

  /** Suspend these CronJobs in the source cluster so they never run in both. */
  record SuspendSourceCronJobs(List<String> cronJobs) implements PlanStep {
    @Override
    public String type() {
      return "suspendSourceCronJobs";
    }
  }

  /** Wait until the source has no running Jobs of these CronJobs. */
  record WaitForSourceJobs(List<String> cronJobs, int timeoutMinutes) implements PlanStep {
    @Override
    public String type() {
      return "waitForSourceJobs";
    }
  }

  /** Stop until a person confirms the work in the message is done. */
  record Gate(String name, String message) implements PlanStep {
    @Override
    public String type() {
      return "gate";
    }
  }
}
