package dev.transship.plan;

import java.io.PrintWriter;

/** The plan as a Mermaid flowchart, which GitHub renders in Markdown. */
public final class PlanMermaid {
  private PlanMermaid() {}

  public static void print(RestorePlan plan, PrintWriter out) {
    out.println("```mermaid");
    out.println("flowchart TD");
    String previous = null;
    int i = 0;
    for (PlanStage stage : plan.stages()) {
      String id = "s" + i++;
      StringBuilder label = new StringBuilder(stage.name());
      if (stage.restore() != null) {
        label.append("<br/>restore ").append(stage.objects()).append(" objects");
      }
      for (PlanStep step : stage.before()) {
        label.append("<br/>").append(short_(step));
      }
      String shape = stage.restore() == null ? "{{\"%s\"}}" : "[\"%s\"]";
      out.printf("  %s" + shape + "%n", id, label.toString().replace("\"", "'"));
      if (previous != null) {
        out.printf("  %s --> %s%n", previous, id);
      }
      previous = id;
    }
    out.println("```");
  }

  private static String short_(PlanStep step) {
    if (step instanceof PlanStep.RegeneratePullSecrets r) {
      return "mint " + r.secrets().size() + " pull secrets";
    }
    if (step instanceof PlanStep.SuspendSourceCronJobs s) {
      return "suspend " + s.cronJobs().size() + " CronJobs in source";
    }
    if (step instanceof PlanStep.WaitForSourceJobs) {
      return "wait for source Jobs";
    }
    return "gate: " + ((PlanStep.Gate) step).name();
  }
}
