package dev.transship.convert.jobs;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobsForRestoreTest {
  private static final ObjectAction JOBS = JobsForRestore.SPEC.create(new ConverterConfig(yaml("{}")));

  private static ObjectNode job(String metadataExtra, String specExtra, String status) {
    return yaml("""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: db-migrate
          namespace: shop
          %s
        spec:
          backoffLimit: 2
          %s
          template:
            spec:
              restartPolicy: Never
              containers: [{name: migrate, image: api}]
        status: %s
        """.formatted(metadataExtra, specExtra, status));
  }

  private static Finding single(ActionContext ctx) {
    assertEquals(1, ctx.findings().size(), ctx.findings().toString());
    return ctx.findings().get(0);
  }

  @Test
  void unfinishedStandaloneJobIsSuspendedWithAWarning() throws Exception {
    ActionContext ctx = Actions.apply(JOBS, job("labels: {app: db-migrate}", "", "{active: 1, startTime: '2026-11-20T01:58:00Z'}"));
    assertTrue(ctx.object().node().at("/spec/suspend").asBoolean());
    Finding warning = single(ctx);
    assertEquals(Severity.WARNING, warning.severity());
    assertEquals("job-suspended", warning.check());
    assertTrue(warning.message().contains("would run again in the target"));
    assertTrue(warning.hint().contains("transship restore"));
    assertTrue(warning.hint().contains("kubectl patch job db-migrate -n shop"));
  }

  @Test
  void jobWithoutStatusIsUnfinished() throws Exception {
    ActionContext ctx = Actions.apply(JOBS, job("labels: {}", "", "{}"));
    assertTrue(ctx.object().node().at("/spec/suspend").asBoolean());
  }

  @Test
  void failedJobIsSuspendedTooSinceVeleroWouldRunItAgain() throws Exception {
    ActionContext ctx = Actions.apply(JOBS, job("labels: {}", "", "{failed: 3, conditions: [{type: Failed, status: 'True', reason: BackoffLimitExceeded}]}"));
    assertTrue(ctx.object().node().at("/spec/suspend").asBoolean());
    assertTrue(single(ctx).message().startsWith("failed in the source"));
    assertEquals(Severity.WARNING, single(ctx).severity());
  }

  @Test
  void completedJobIsLeftAloneWithAnInfo() throws Exception {
    ObjectNode completed = job("labels: {}", "", "{succeeded: 1, completionTime: '2026-11-20T01:45:41Z', "
        + "conditions: [{type: Complete, status: 'True'}]}");
    ActionContext ctx = Actions.apply(JOBS, completed);
    assertEquals(completed, ctx.object().node());
    assertEquals(Severity.INFO, single(ctx).severity());
    assertEquals("job-completed", single(ctx).check());
    assertTrue(single(ctx).message().contains("Velero skips"));
  }

  @Test
  void cronJobOwnedJobsAreDropped() throws Exception {
    ActionContext ctx = Actions.apply(JOBS, job("ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: cache-warm, uid: u, controller: true}]",
        "", "{active: 1}"));
    assertTrue(ctx.dropped());
    assertTrue(ctx.dropReason().contains("CronJob shop/cache-warm"));
    assertTrue(ctx.dropReason().contains("creates its own"));
    assertEquals("job-cronjob-owned", single(ctx).check());
  }

  @Test
  void alreadySuspendedJobStaysSuspendedWithoutAWarning() throws Exception {
    ObjectNode suspended = job("labels: {}", "suspend: true", "{}");
    ActionContext ctx = Actions.apply(JOBS, suspended);
    assertEquals(suspended, ctx.object().node());
    assertEquals(Severity.INFO, single(ctx).severity());
  }

  @Test
  void otherKindsAreUntouched() throws Exception {
    for (ObjectNode object : List.of(
        yaml("{apiVersion: batch/v1, kind: CronJob, metadata: {name: c, namespace: shop}, spec: {schedule: '@daily'}}"),
        yaml("{apiVersion: batch.volcano.sh/v1alpha1, kind: Job, metadata: {name: v, namespace: shop}, spec: {}}"))) {
      ActionContext ctx = Actions.apply(JOBS, object);
      assertFalse(ctx.dropped());
      assertEquals(object, ctx.object().node());
      assertEquals(List.of(), ctx.findings());
    }
  }
}
