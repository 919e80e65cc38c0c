package dev.transship.convert.jobs;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Severity;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import org.junit.jupiter.api.Test;

class CronJobTimeZoneTest {
  private static final ObjectAction ZONES = CronJobTimeZone.SPEC.create(new ConverterConfig(yaml("{}")));

  private static ObjectNode cronJob(String specLines) {
    return yaml("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: settlement, namespace: payments}
        spec:
          %s
          jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: s, image: s}]}}}}
        """.formatted(specLines));
  }

  @Test
  void movesTheZonePrefixIntoTimeZone() throws Exception {
    ActionContext ctx = Actions.apply(ZONES, cronJob("schedule: \"CRON_TZ=America/New_York 0 6 * * 1-5\""));
    assertEquals("America/New_York", ctx.object().node().at("/spec/timeZone").asText());
    assertEquals("0 6 * * 1-5", ctx.object().node().at("/spec/schedule").asText());
    assertEquals(Severity.WARNING, ctx.findings().get(0).severity());
  }

  @Test
  void theOlderTzPrefixToo() throws Exception {
    ActionContext ctx = Actions.apply(ZONES, cronJob("schedule: \"TZ=Europe/Berlin @daily\""));
    assertEquals("Europe/Berlin", ctx.object().node().at("/spec/timeZone").asText());
    assertEquals("@daily", ctx.object().node().at("/spec/schedule").asText());
  }

  @Test
  void aContradictingTimeZoneIsAnErrorAndNothingChanges() throws Exception {
    ActionContext ctx = Actions.apply(ZONES, cronJob("schedule: \"CRON_TZ=UTC 0 6 * * *\"\n  timeZone: Asia/Tokyo"));
    assertEquals(Severity.ERROR, ctx.findings().get(0).severity());
    assertEquals("CRON_TZ=UTC 0 6 * * *", ctx.object().node().at("/spec/schedule").asText());
  }

  @Test
  void plainSchedulesAndOddShapesAreLeftAlone() throws Exception {
    for (String spec : new String[] {"schedule: \"0 6 * * *\"", "schedule: 42", "schedule: [a]", "suspend: true"}) {
      ActionContext ctx = Actions.apply(ZONES, cronJob(spec));
      assertTrue(ctx.findings().isEmpty(), spec + ": " + ctx.findings());
    }
  }
}
