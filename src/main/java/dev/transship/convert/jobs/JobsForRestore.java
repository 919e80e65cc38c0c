package dev.transship.convert.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.ResourceScope;
import java.util.List;

/**
 * Keeps restored Jobs from running twice (velero.md §4, §5.3). Velero skips only Jobs whose status
 * has a completionTime; every other Job is created again without its status and the job controller
 * runs it from the start. Jobs a CronJob owns are dropped (the restored CronJob creates its own);
 * other unfinished Jobs are suspended, to be resumed on purpose.
 */
public final class JobsForRestore implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject job = ctx.object();
    if (!job.kind().equals("Job") || !job.group().equals("batch")) {
      return;
    }
    String cronJob = ownerCronJob(job);
    if (cronJob != null) {
      ctx.drop("job-cronjob-owned", "created by CronJob " + cronJob + ", which creates its own Jobs once restored");
      return;
    }
    JsonNode status = job.node().path("status");
    if (!status.path("completionTime").asText("").isEmpty()) {
      ctx.info("job-completed", "completed at " + status.path("completionTime").asText() + "; Velero skips completed Jobs, left as it is");
      return;
    }
    if (job.node().path("spec").path("suspend").asBoolean(false)) {
      ctx.info("job-suspended", "already suspended in the source; restored suspended");
      return;
    }
    KubeObject.objectAt(job.node(), "spec").put("suspend", true);
    String resume = "resume it by hand (kubectl patch job " + job.name() + " -n " + job.namespace()
        + " --type merge -p '{\"spec\":{\"suspend\":false}}') or with transship restore";
    if (failed(status)) {
      ctx.warn("job-suspended", "failed in the source, but Velero restores it without its status and it would run again "
          + "in the target: set spec.suspend: true", "delete it from the target if the failure is history; otherwise " + resume);
    } else {
      ctx.warn("job-suspended", "unfinished: it would run again in the target (Velero restores it without its status): "
          + "set spec.suspend: true", resume);
    }
  }

  private static String ownerCronJob(KubeObject job) {
    for (JsonNode owner : job.node().path("metadata").path("ownerReferences")) {
      if (owner.path("kind").asText().equals("CronJob")) {
        return job.namespace() + "/" + owner.path("name").asText();
      }
    }
    return null;
  }

  private static boolean failed(JsonNode status) {
    for (JsonNode condition : status.path("conditions")) {
      if (condition.path("type").asText().equals("Failed") && condition.path("status").asText().equals("True")) {
        return true;
      }
    }
    return false;
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "jobsForRestore",
      "Keep restored Jobs from running twice: drop Jobs a CronJob owns (the CronJob creates its own), suspend "
          + "standalone Jobs that had not completed (Velero restores them without status and they would run again; "
          + "warning), and leave completed Jobs alone (Velero skips them; info).",
      List.of(),
      """
          - name: jobs
            match: {resources: [jobs.batch]}
            actions:
              - convert: jobsForRestore
          """,
      JobsForRestore::create).withScope(
      new ResourceScope(List.of("jobs.batch"),
          List.of(ResourceScope.need("jobs.batch", "no Job is prepared for the restore"))));

  private static ObjectAction create(ConverterConfig config) {
    return new JobsForRestore();
  }
}
