package dev.transship.convert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import java.util.List;

/**
 * Jobs on restore (velero.md §4): Velero skips Jobs whose backed-up status has a completionTime
 * but re-creates the others, which then run again. Jobs a CronJob owns are dropped (the CronJob
 * makes its own); unfinished standalone Jobs are suspended.
 */
public final class JobsForRestore implements ObjectAction {
  @Override
  public void apply(ActionContext ctx) {
    KubeObject job = ctx.object();
    if (!"Job".equals(job.kind()) || !"batch".equals(job.group())) {
      return;
    }
    for (JsonNode owner : job.node().path("metadata").path("ownerReferences")) {
      if ("CronJob".equals(owner.path("kind").asText())) {
        ctx.drop("job-owned-by-cronjob", "owned by CronJob " + owner.path("name").asText() + ", which creates its own Jobs");
        return;
      }
    }
    JsonNode status = job.node().path("status");
    if (status.hasNonNull("completionTime")) {
      ctx.info("job-completed", "completed Job: Velero skips it on restore");
      return;
    }
    if (job.node().path("spec").path("suspend").asBoolean(false)) {
      return;
    }
    KubeObject.objectAt(job.node(), "spec").put("suspend", true);
    ctx.warn("job-suspended", "unfinished Job (" + status.path("active").asInt(0) + " active) would run again in the target: restored with spec.suspend true",
        "resume it where it should run (kubectl patch job " + job.name() + " -p '{\"spec\":{\"suspend\":false}}'), or delete it");
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "jobsForRestore",
      "Drop Jobs owned by a CronJob and suspend unfinished standalone Jobs, which Velero would otherwise run again.",
      List.of(),
      "- convert: jobsForRestore",
      config -> new JobsForRestore());
}
