package dev.transship.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A restore plan for a person: stage by stage, what runs before, what is restored, what after. */
public final class PlanText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private PlanText() {}

  public static void print(RestorePlan plan, PrintWriter out) {
    out.printf("Restore plan %s%n", plan.name());
    out.printf("  backup %s at %s%n", plan.backupName(), plan.backupLocation());
    out.printf("  source context %s, target context %s, Velero namespace %s%n",
        orDash(plan.sourceContext()), orDash(plan.targetContext()), plan.veleroNamespace());
    int n = 1;
    for (PlanStage stage : plan.stages()) {
      out.println();
      out.printf("%d. %s: %s%n", n++, stage.name(), stage.description());
      stage.before().forEach(step -> out.println("   before: " + describe(step)));
      if (stage.restore() != null) {
        JsonNode sel = stage.restore().path("spec").path("labelSelector").path("matchLabels");
        out.printf("   restore: %d objects, Velero Restore %s (selector %s)%n", stage.objects(),
            stage.restore().path("metadata").path("name").asText(), sel.toString());
      }
      stage.after().forEach(step -> out.println("   after: " + describe(step)));
      if (stage.cutover() != null) {
        CutoverForecast f = stage.cutover().forecast();
        out.printf("   cutover of %d CronJobs, window %d min starting %s%n", stage.cutover().cronJobs().size(),
            f.window().toMinutes(), TIME.format(f.at()));
        if (f.missedRuns().isEmpty()) {
          out.println("     no run would be missed");
        } else {
          f.missedRuns().forEach(m -> out.printf("     would miss %s at %s%n", m.cronJob(), TIME.format(m.time())));
        }
        f.quietWindows().forEach(w -> out.printf("     quiet window %s to %s%n", TIME.format(w.start()), TIME.format(w.end())));
      }
    }
  }

  static String describe(PlanStep step) {
    if (step instanceof PlanStep.RegeneratePullSecrets r) {
      return "mint pull secrets " + String.join(", ", r.secrets()) + " for " + r.registry() + " (" + r.provider() + ")";
    }
    if (step instanceof PlanStep.SuspendSourceCronJobs s) {
      return "suspend in the source: " + String.join(", ", s.cronJobs());
    }
    if (step instanceof PlanStep.WaitForSourceJobs w) {
      return "wait up to " + w.timeoutMinutes() + " min for running Jobs of " + String.join(", ", w.cronJobs());
    }
    PlanStep.Gate g = (PlanStep.Gate) step;
    return "gate " + g.name() + ": " + g.message();
  }

  private static String orDash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }
}
