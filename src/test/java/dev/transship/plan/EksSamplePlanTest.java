package dev.transship.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EKS sample's plan, converted for GKE with a fixed cutover time. */
class EksSamplePlanTest {
  @TempDir Path tmp;

  @Test
  void planOrdersStagesCutsOverForbiddenCronJobsAndCoversEveryObjectOnce() throws Exception {
    Path root = Backups.repoRoot();
    Path plan = tmp.resolve("plan.yaml");
    var run = Cli.run("convert", "--fail-on", "never", root.resolve("sample-backups/eks-shop/backups/eks-shop-nightly-20261120").toString(),
        "--rules", root.resolve("rules/eks-to-gke.yaml").toString(), "--values", root.resolve("sample-backups/eks-shop/values-gke.yaml").toString(),
        "--to", tmp.resolve("out").toString(), "--name", "shop-gke", "--plan", plan.toString(), "--cutover-at", "2026-11-24T01:55:00Z");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = Json.YAML.readTree(plan.toFile());
    List<String> stages = new ArrayList<>();
    doc.path("stages").forEach(s -> stages.add(s.path("name").asText()));
    assertEquals(List.of("foundation", "config", "workloads", "traffic", "cutover-payments", "cutover-reporting", "dns-cutover", "verify"), stages);

    Map<String, String> stageOf = new HashMap<>();
    Backups.items(tmp.resolve("out/backups/shop-gke/shop-gke.tar.gz")).forEach((path, json) -> {
      if (!path.contains("-preferredversion/")) {
        try {
          stageOf.put(path, Json.MAPPER.readTree(json).at("/metadata/labels/transship.dev~1stage").asText(""));
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      }
    });
    assertFalse(stageOf.containsValue(""), "every object has a stage");
    int planned = 0;
    for (JsonNode s : doc.path("stages")) {
      if (s.has("restore")) {
        String stage = s.at("/restore/spec/labelSelector/matchLabels/transship.dev~1stage").asText();
        long stamped = stageOf.values().stream().filter(stage::equals).count();
        assertEquals(stamped, s.path("objects").asLong(), stage);
        planned += s.path("objects").asInt();
      }
    }
    assertEquals(stageOf.size(), planned, "each object in exactly one stage");
    assertEquals("foundation", stageOf.get("resources/namespaces/cluster/shop.json"));
    assertEquals("traffic", stageOf.get("resources/ingresses.networking.k8s.io/namespaces/shop/web.json"));
    assertEquals("cutover-reporting", stageOf.get("resources/cronjobs.batch/namespaces/shop/nightly-report.json"));
    assertEquals("workloads", stageOf.get("resources/cronjobs.batch/namespaces/shop/cache-warm.json"), "allowed to run twice");
    assertEquals("workloads", stageOf.get("resources/cronjobs.batch/namespaces/shop/cleanup.json"), "suspended: disabled");

    JsonNode reporting = doc.path("stages").get(stages.indexOf("cutover-reporting"));
    assertEquals("[\"shop/nightly-report\",\"shop/sitemap\"]", reporting.at("/before/0/suspendSourceCronJobs/cronJobs").toString());
    assertTrue(reporting.at("/before/1").has("waitForSourceJobs"));
    assertEquals("shop/nightly-report", reporting.at("/cutover/forecast/missedRuns/0/cronJob").asText());
    assertEquals("2026-11-24T02:00:00Z", reporting.at("/cutover/forecast/missedRuns/0/time").asText());
    JsonNode payments = doc.path("stages").get(stages.indexOf("cutover-payments"));
    assertEquals("[\"payments/invoice-run\",\"payments/settlement\"]", payments.at("/cutover/cronJobs").toString(), "unlabelled CronJobs default to forbidden");
    JsonNode config = doc.path("stages").get(stages.indexOf("config"));
    assertEquals("[\"payments/regcred\",\"shop/regcred\"]", config.at("/before/0/regeneratePullSecrets/secrets").toString());
    assertEquals("artifact-registry", config.at("/before/0/regeneratePullSecrets/provider").asText());
    assertFalse(java.nio.file.Files.readString(plan).contains("eyJwYXlsb2Fk"), "no credentials in the plan");
  }
}
