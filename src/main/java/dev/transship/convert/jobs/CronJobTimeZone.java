package dev.transship.convert.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ResourceScope;
import java.util.List;

/**
 * Moves a {@code CRON_TZ=}/{@code TZ=} prefix of a CronJob schedule into {@code spec.timeZone}.
 * Since Kubernetes 1.27 the API server refuses the prefix when an object is created (objects stored
 * earlier keep it), so Velero's restore of such a CronJob into a new cluster fails; seen on the
 * test bed's 1.34 API server.
 */
public final class CronJobTimeZone implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject cronJob = ctx.object();
    if (!cronJob.kind().equals("CronJob") || !cronJob.group().equals("batch")) {
      return;
    }
    JsonNode spec = cronJob.node().path("spec");
    String schedule = spec.path("schedule").isTextual() ? spec.path("schedule").asText().strip() : "";
    if (!schedule.startsWith("CRON_TZ=") && !schedule.startsWith("TZ=")) {
      return;
    }
    int space = schedule.indexOf(' ');
    String zone = schedule.substring(schedule.indexOf('=') + 1, space < 0 ? schedule.length() : space);
    String rest = space < 0 ? "" : schedule.substring(space + 1).strip();
    if (zone.isEmpty() || rest.isEmpty()) {
      ctx.error("cronjob-time-zone", "schedule '" + schedule + "' names a time zone but no schedule, or no zone",
          "write spec.timeZone and a five-field schedule");
      return;
    }
    String declared = spec.path("timeZone").asText("");
    if (!declared.isEmpty() && !declared.equals(zone)) {
      ctx.error("cronjob-time-zone", "schedule says CRON_TZ=" + zone + " but spec.timeZone is " + declared
          + "; the target's API server refuses the prefix", "decide which zone is meant and keep only spec.timeZone");
      return;
    }
    KubeObject.objectAt(cronJob.node(), "spec").put("timeZone", zone).put("schedule", rest);
    ctx.warn("cronjob-time-zone", "schedule '" + schedule + "' became timeZone " + zone + " with schedule '" + rest
        + "': the API server refuses a time-zone prefix on create since Kubernetes 1.27, so Velero could not restore it",
        "nothing to do; the CronJob fires at the same times");
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "cronJobTimeZone",
      "Move a CRON_TZ= or TZ= prefix of a CronJob schedule into spec.timeZone (warning): since Kubernetes 1.27 the API "
          + "server refuses the prefix on create, so Velero cannot restore such a CronJob into a new cluster. A prefix that "
          + "contradicts spec.timeZone is an error.",
      List.of(),
      """
          - name: cronjob-time-zones
            match: {resources: [cronjobs.batch]}
            actions:
              - convert: cronJobTimeZone
          """,
      CronJobTimeZone::create).withScope(
      new ResourceScope(List.of("cronjobs.batch"),
          List.of(ResourceScope.need("cronjobs.batch", "no CronJob schedule is converted"))));

  private static ObjectAction create(ConverterConfig config) {
    return new CronJobTimeZone();
  }
}
