package dev.transship.convert.apiversions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of a 1.21 cluster converted for 1.32 and read back: the converted objects sit where
 * Velero's restore looks for them on the target (the group-resource folder of their new group,
 * the preferred-version copy of their new version, the resource list), and lint for the same
 * target finds only what the converter reported it could not convert.
 */
class RemovedApiVersionsBackupTest {
  private static final Path FIXTURES = Backups.repoRoot().resolve("src/test/resources/removed-apis");
  private static final String SOURCE = "legacy-eks-nightly-20261201";
  @TempDir Path tmp;
  private Path source;

  @BeforeEach
  void pack() {
    var run = Cli.run("pack", FIXTURES.resolve("manifests").toString(), "--backup", FIXTURES.resolve("backup.yaml").toString(),
        "--to", tmp.resolve("src").toString());
    assertEquals(0, run.exitCode(), run.err());
    source = tmp.resolve("src/backups/" + SOURCE);
    assertTrue(Backups.items(source.resolve(SOURCE + ".tar.gz")).containsKey("resources/ingresses.extensions/namespaces/game-2048/ingress-2048.json"));
  }

  private Path pack(String targetVersion) throws Exception {
    Path pack = tmp.resolve("apis.yaml");
    Files.writeString(pack, """
        apiVersion: transship.dev/v1alpha1
        kind: RuleSet
        metadata: {name: apis}
        parameters:
          targetVersion: {type: version, default: "%s"}
        rules:
          - name: removed-api-versions
            actions:
              - convert: removedApiVersions
                with: {targetVersion: "${targetVersion}"}
        """.formatted(targetVersion));
    return pack;
  }

  private Cli.Run convert(String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("convert", source.toString(), "--rules", pack("1.32").toString(),
        "--to", tmp.resolve("out").toString(), "--name", "c", "--fail-on", "never", "--report", tmp.resolve("report.json").toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void convertedObjectsAreFiledWhereTheTargetsVeleroRestoresThem() throws Exception {
    var run = convert();
    assertEquals(0, run.exitCode(), run.err());
    Path out = tmp.resolve("out/backups/c");
    Map<String, String> items = Backups.items(out.resolve("c.tar.gz"));
    assertFalse(items.keySet().stream().anyMatch(k -> k.startsWith("resources/ingresses.extensions/")), items.keySet().toString());
    String ingress = "resources/ingresses.networking.k8s.io/namespaces/game-2048/ingress-2048.json";
    JsonNode legacy = Json.MAPPER.readTree(items.get(ingress));
    assertEquals("networking.k8s.io/v1", legacy.path("apiVersion").asText());
    assertEquals("use-annotation", legacy.at("/spec/rules/0/http/paths/0/backend/service/port/name").asText());
    assertEquals(items.get(ingress), items.get("resources/ingresses.networking.k8s.io/v1-preferredversion/namespaces/game-2048/ingress-2048.json"));
    assertFalse(items.containsKey("resources/ingresses.networking.k8s.io/v1beta1-preferredversion/namespaces/game-2048/ingress-2048.json"));
    for (String moved : List.of("horizontalpodautoscalers.autoscaling/v2-preferredversion/namespaces/game-2048/worker.json",
        "poddisruptionbudgets.policy/v1-preferredversion/namespaces/game-2048/zk-pdb.json",
        "cronjobs.batch/v1-preferredversion/namespaces/game-2048/leaderboard-report.json")) {
      assertTrue(items.containsKey("resources/" + moved), moved);
    }
    assertFalse(items.keySet().stream().anyMatch(k -> k.contains("catch-nothing")), "the empty-selector PDB is left out");

    Map<String, Set<String>> listed = resourceList(out.resolve("c-resource-list.json.gz"));
    assertEquals(Set.of("game-2048/ingress-2048"), listed.get("networking.k8s.io/v1/Ingress"));
    assertEquals(Set.of("game-2048/worker"), listed.get("autoscaling/v2/HorizontalPodAutoscaler"));
    assertEquals(Set.of("game-2048/leaderboard-report"), listed.get("batch/v1/CronJob"));
    assertTrue(listed.keySet().stream().noneMatch(k -> k.startsWith("extensions/") || k.contains("v1beta1/Ingress")
        || k.contains("v2beta") || k.equals("batch/v1beta1/CronJob")), listed.keySet().toString());

    JsonNode report = Json.MAPPER.readTree(tmp.resolve("report.json").toFile());
    assertEquals(1, report.at("/summary/dropped").asInt() - 1, "the extensions copy of the Ingress and the empty PDB are dropped");
    assertEquals(0, report.at("/summary/generated").asInt(), "a moved object is not counted as generated");
  }

  @Test
  void lintForTheTargetFindsOnlyWhatTheConverterCouldNotConvert() throws Exception {
    var run = convert();
    assertEquals(0, run.exitCode(), run.err());
    Set<String> convertErrors = new TreeSet<>();
    for (JsonNode f : Json.MAPPER.readTree(tmp.resolve("report.json").toFile()).path("findings")) {
      if (f.path("check").asText().equals("removed-api")) {
        convertErrors.add(f.path("object").asText());
      }
    }
    Set<String> before = removedApiFindings(source);
    Set<String> after = removedApiFindings(tmp.resolve("out/backups/c"));
    assertEquals(6, before.size(), before.toString());
    assertEquals(convertErrors, after);
    assertEquals(1, after.size(), "only the PodSecurityPolicy: " + after);
    assertTrue(after.iterator().next().contains("eks.privileged"), after.toString());
  }

  private static Set<String> removedApiFindings(Path backup) throws Exception {
    var run = Cli.run("lint", backup.toString(), "--target", "gke", "--target-version", "1.32", "-o", "json", "--fail-on", "never", "--quiet");
    assertEquals(0, run.exitCode(), run.err());
    Set<String> out = new TreeSet<>();
    for (JsonNode f : Json.MAPPER.readTree(run.out()).path("findings")) {
      if (f.path("check").asText().equals("removed-api")) {
        out.add(f.path("object").asText());
      }
    }
    return out;
  }

  @Test
  void aCutoverCronJobAtARefusedVersionMakesThePlanAnError() throws Exception {
    // without the converter: the CronJob stays at batch/v1beta1, and the plan would suspend it in the source
    var run = Cli.run("convert", source.toString(), "--to", tmp.resolve("plain").toString(), "--name", "p",
        "--plan", tmp.resolve("plan.yaml").toString(), "--cutover-at", "2026-12-05T12:00:00Z");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("CronJob game-2048/leaderboard-report: the plan would suspend it in the source and restore it at "
        + "batch/v1beta1, which the target refuses from Kubernetes 1.25"), run.err());
    assertFalse(Files.exists(tmp.resolve("plan.yaml")));
    assertFalse(Files.exists(tmp.resolve("plain/backups/p")));
    // converted first, the same CronJob is cut over at batch/v1
    var converted = convert("--plan", tmp.resolve("plan.yaml").toString(), "--cutover-at", "2026-12-05T12:00:00Z");
    assertEquals(0, converted.exitCode(), converted.err());
    String plan = Files.readString(tmp.resolve("plan.yaml"));
    assertTrue(plan.contains("game-2048/leaderboard-report"), plan);
  }

  @Test
  void onA119To121ClusterTheNetworkingV1CopyIsKeptAsStoredAndTheExtensionsCopyLeftOut() throws Exception {
    Path manifests = Files.createDirectories(tmp.resolve("both"));
    String rules = "rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: %s}]}}]";
    Files.writeString(manifests.resolve("ingress.yaml"), """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: {name: web, namespace: shop, annotations: {kubernetes.io/ingress.class: alb}}
        spec: {%s}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop, annotations: {kubernetes.io/ingress.class: alb}}
        spec: {%s}
        """.formatted(rules.formatted("{serviceName: web, servicePort: 80}"), rules.formatted("{service: {name: web, port: {number: 80}}}")));
    var packed = Cli.run("pack", manifests.toString(), "--backup", FIXTURES.resolve("backup.yaml").toString(), "--to", tmp.resolve("b").toString());
    assertEquals(0, packed.exitCode(), packed.err());
    Path both = tmp.resolve("b/backups/" + SOURCE);
    var run = Cli.run("convert", both.toString(), "--rules", pack("1.32").toString(), "--to", tmp.resolve("bo").toString(), "--name", "c",
        "--report", tmp.resolve("r.json").toString());
    assertEquals(0, run.exitCode(), run.err());
    Map<String, String> before = Backups.items(both.resolve(SOURCE + ".tar.gz"));
    Map<String, String> after = Backups.items(tmp.resolve("bo/backups/c/c.tar.gz"));
    String v1 = "resources/ingresses.networking.k8s.io/namespaces/shop/web.json";
    assertEquals(before.get(v1), after.get(v1));
    assertFalse(after.keySet().stream().anyMatch(k -> k.startsWith("resources/ingresses.extensions/")), after.keySet().toString());
    JsonNode report = Json.MAPPER.readTree(tmp.resolve("r.json").toFile());
    assertEquals(1, report.at("/summary/dropped").asInt());
    assertTrue(report.path("findings").toString().contains("a copy of ingresses.networking.k8s.io shop/web"), report.path("findings").toString());
  }

  @Test
  void aPlanReadFromStageLabelsRefusesTheCutoverToo() throws Exception {
    // a backup stamped by an earlier convert, its cut-over CronJob still at batch/v1beta1
    Path manifests = Files.createDirectories(tmp.resolve("stamped"));
    Files.writeString(manifests.resolve("cronjob.yaml"), """
        apiVersion: v1
        kind: Namespace
        metadata: {name: game-2048, labels: {transship.dev/stage: foundation}}
        ---
        apiVersion: batch/v1beta1
        kind: CronJob
        metadata: {name: leaderboard-report, namespace: game-2048, labels: {transship.dev/stage: cutover-game-2048}}
        spec:
          schedule: "30 3 * * *"
          jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: report, image: busybox:1.36}]}}}}
        """);
    var packed = Cli.run("pack", manifests.toString(), "--backup", FIXTURES.resolve("backup.yaml").toString(), "--to", tmp.resolve("st").toString());
    assertEquals(0, packed.exitCode(), packed.err());
    var run = Cli.run("plan", tmp.resolve("st/backups/" + SOURCE).toString(), "--output-file", tmp.resolve("p.yaml").toString(),
        "--cutover-at", "2026-12-05T12:00:00Z");
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("CronJob game-2048/leaderboard-report: the plan would suspend it in the source"), run.err());
    assertFalse(Files.exists(tmp.resolve("p.yaml")));
  }

  private static Map<String, Set<String>> resourceList(Path file) throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      JsonNode root = Json.MAPPER.readTree(in);
      Map<String, Set<String>> out = new java.util.TreeMap<>();
      root.fields().forEachRemaining(e -> {
        Set<String> names = new TreeSet<>();
        e.getValue().forEach(n -> names.add(n.asText()));
        out.put(e.getKey(), names);
      });
      return out;
    }
  }
}
