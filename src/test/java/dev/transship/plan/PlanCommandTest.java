package dev.transship.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ManifestPacker;
import dev.transship.kube.Json;
import dev.transship.store.LocalFolderStore;
import dev.transship.store.LocationDestination;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.CrdSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  @TempDir Path tmp;

  private static final String OBJECTS = """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.com}
      spec: {group: example.com, scope: Namespaced, names: {plural: widgets, kind: Widget}, versions: [{name: v1, served: true, storage: true}]}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: shop}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web, namespace: shop}
      ---
      apiVersion: example.com/v1
      kind: Widget
      metadata: {name: w, namespace: shop}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: nightly-report, namespace: shop, labels: {transship.dev/duplication: forbidden, transship.dev/cutover-set: reporting}}
      spec: {schedule: "0 2 * * *", concurrencyPolicy: Forbid}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: cache-warm, namespace: shop, labels: {transship.dev/duplication: allowed}}
      spec: {schedule: "*/15 * * * *"}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: invoice-run, namespace: payments}
      spec: {schedule: "30 * * * *", timeZone: Europe/Berlin}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: cleanup, namespace: shop}
      spec: {schedule: "@hourly", suspend: true}
      """;

  private Path pack(String objects) throws Exception {
    Path manifests = Files.createDirectories(tmp.resolve("m"));
    Files.writeString(manifests.resolve("o.yaml"), objects);
    ObjectNode backup = (ObjectNode) Json.YAML.readTree("""
        apiVersion: velero.io/v1
        kind: Backup
        metadata: {name: nightly, namespace: velero}
        status: {phase: Completed, completionTimestamp: "2026-11-20T02:01:37Z"}
        """);
    Path location = tmp.resolve("loc");
    ManifestPacker.pack(ManifestPacker.read(manifests), backup, null, new LocationDestination(new LocalFolderStore(location)));
    return location.resolve("backups/nightly");
  }

  private JsonNode convertWithPlan(Path source) throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    var run = Cli.run("convert", source.toString(), "--to", tmp.resolve("out").toString(), "--name", "copy",
        "--plan", plan.toString(), "--cutover-at", "2026-11-24T01:55:00Z");
    assertEquals(0, run.exitCode(), run.err());
    return Json.YAML.readTree(plan.toFile());
  }

  private static List<String> stageNames(JsonNode plan) {
    return java.util.stream.StreamSupport.stream(plan.path("stages").spliterator(), false).map(s -> s.path("name").asText()).toList();
  }

  @Test
  void stampingTheStageIsNotCountedAsARuleChange() throws Exception {
    Path report = tmp.resolve("report.json");
    var run = Cli.run("convert", pack(OBJECTS).toString(), "--to", tmp.resolve("out").toString(), "--name", "copy",
        "--plan", tmp.resolve("plan.yaml").toString(), "--cutover-at", "2026-11-24T01:55:00Z", "--report", report.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode summary = Json.MAPPER.readTree(report.toFile()).path("summary");
    // no rules, so nothing changed, though every object carries its stage
    assertEquals(0, summary.path("changed").asInt(), summary.toString());
    var stamped = java.util.regex.Pattern.compile("; (\\d+) objects carry their stage in label transship.dev/stage").matcher(run.out());
    assertTrue(stamped.find(), run.out());
    assertTrue(Integer.parseInt(stamped.group(1)) > 1, run.out());
    for (var item : dev.transship.testing.Backups.items(tmp.resolve("out/backups/copy/copy.tar.gz")).entrySet()) {
      assertTrue(Json.MAPPER.readTree(item.getValue()).at("/metadata/labels/transship.dev~1stage").isTextual(), item.getKey() + " unstamped");
    }
  }

  @Test
  void stagesGoFoundationConfigWorkloadsTrafficCutoverGatesVerify() throws Exception {
    JsonNode plan = convertWithPlan(pack(OBJECTS));
    assertEquals(List.of("foundation", "config", "workloads", "traffic", "cutover-payments", "cutover-reporting", "verify"), stageNames(plan));
    assertEquals("transship.dev/v1alpha1", plan.path("apiVersion").asText());
    assertEquals("RestorePlan", plan.path("kind").asText());
    assertEquals("copy", plan.at("/backup/name").asText());
  }

  @Test
  void everyObjectIsInExactlyOneStageAndSelectorsMatchTheStampedLabels() throws Exception {
    JsonNode plan = convertWithPlan(pack(OBJECTS));
    Map<String, Integer> counted = new HashMap<>();
    Backups.items(tmp.resolve("out/backups/copy/copy.tar.gz")).forEach((path, json) -> {
      if (!path.contains("-preferredversion/")) {
        try {
          String stage = Json.MAPPER.readTree(json).at("/metadata/labels/transship.dev~1stage").asText("");
          assertFalse(stage.isEmpty(), path + " has no stage label");
          counted.merge(stage, 1, Integer::sum);
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      }
    });
    int total = 0;
    for (JsonNode stage : plan.path("stages")) {
      if (stage.has("restore")) {
        String selected = stage.at("/restore/spec/labelSelector/matchLabels/transship.dev~1stage").asText();
        assertEquals(stage.path("name").asText(), selected);
        assertEquals(counted.getOrDefault(selected, 0).intValue(), stage.path("objects").asInt(), selected);
        total += stage.path("objects").asInt();
      }
    }
    assertEquals(counted.values().stream().mapToInt(Integer::intValue).sum(), total);
    assertEquals(10, total);
  }

  @Test
  void forbiddenCronJobsAreOnlyInACutoverStageThatSuspendsThemInTheSourceFirst() throws Exception {
    JsonNode plan = convertWithPlan(pack(OBJECTS));
    JsonNode reporting = stage(plan, "cutover-reporting");
    assertEquals("[\"shop/nightly-report\"]", reporting.at("/cutover/cronJobs").toString());
    assertEquals("[\"shop/nightly-report\"]", reporting.at("/before/0/suspendSourceCronJobs/cronJobs").toString());
    assertEquals("[\"shop/nightly-report\"]", reporting.at("/before/1/waitForSourceJobs/cronJobs").toString());
    assertEquals("2026-11-24T02:00:00Z", reporting.at("/cutover/forecast/missedRuns/0/time").asText());
    // the unlabelled CronJob follows --cronjob-default (forbidden), grouped by namespace
    assertEquals("[\"payments/invoice-run\"]", stage(plan, "cutover-payments").at("/cutover/cronJobs").toString());
    assertEquals(0, stage(plan, "cutover-payments").at("/cutover/forecast/missedRuns").size());
  }

  @Test
  void stageRestoresValidateAgainstVelerosRestoreCrd() throws Exception {
    JsonNode plan = convertWithPlan(pack(OBJECTS));
    var schema = CrdSchemas.load(CrdSchemas.veleroCrd("velero.io_restores.yaml"), "v1");
    for (JsonNode stage : plan.path("stages")) {
      if (stage.has("restore")) {
        assertEquals(List.of(), CrdSchemas.errors(schema, stage.get("restore")), stage.path("name").asText());
        assertEquals("copy", stage.at("/restore/spec/backupName").asText());
      }
    }
  }

  @Test
  void planShowPrintsTextAndMermaid() throws Exception {
    convertWithPlan(pack(OBJECTS));
    var text = Cli.run("plan", "show", tmp.resolve("plan.yaml").toString());
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("would miss shop/nightly-report at 2026-11-24 02:00 UTC"), text.out());
    var mermaid = Cli.run("plan", "show", tmp.resolve("plan.yaml").toString(), "--format", "mermaid");
    assertTrue(mermaid.out().startsWith("```mermaid\nflowchart TD\n"), mermaid.out());
    assertTrue(mermaid.out().contains("s0 --> s1"), mermaid.out());
  }

  @Test
  void planShowYamlPrintsTheStagesRestoresForKubectlApply() throws Exception {
    JsonNode plan = convertWithPlan(pack(OBJECTS));
    var yaml = Cli.run("plan", "show", tmp.resolve("plan.yaml").toString(), "-o", "yaml");
    assertEquals(0, yaml.exitCode(), yaml.err());
    var schema = CrdSchemas.load(CrdSchemas.veleroCrd("velero.io_restores.yaml"), "v1");
    List<JsonNode> restores = new ArrayList<>();
    try (var parser = Json.YAML.createParser(yaml.out())) {
      Json.YAML.readValues(parser, JsonNode.class).forEachRemaining(restores::add);
    }
    List<String> expected = new ArrayList<>();
    for (JsonNode stage : plan.path("stages")) {
      if (stage.has("restore")) {
        expected.add(plan.at("/metadata/name").asText() + "-" + stage.path("name").asText() + "-1");
      }
    }
    assertEquals(expected, restores.stream().map(r -> r.at("/metadata/name").asText()).toList(), "one Restore per stage, first attempt");
    for (JsonNode restore : restores) {
      assertEquals("Restore", restore.path("kind").asText());
      assertEquals(plan.path("veleroNamespace").asText("velero"), restore.at("/metadata/namespace").asText());
      assertEquals(List.of(), CrdSchemas.errors(schema, restore), restore.at("/metadata/name").asText());
    }
    var file = Cli.run("plan", "show", tmp.resolve("plan.yaml").toString(), "-o", "restores.yaml");
    assertEquals(2, file.exitCode());
    assertTrue(file.err().contains("-o takes a format (text, mermaid or yaml), not a file"), file.err());
  }

  @Test
  void planCommandRebuildsThePlanFromAStampedBackup() throws Exception {
    JsonNode original = convertWithPlan(pack(OBJECTS));
    Path again = tmp.resolve("again.yaml");
    var run = Cli.run("plan", tmp.resolve("out/backups/copy").toString(), "--output-file", again.toString(), "--cutover-at", "2026-11-24T01:55:00Z");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode rebuilt = Json.YAML.readTree(again.toFile());
    assertEquals(stageNames(original), stageNames(rebuilt));
  }

  @Test
  void planOptionsTakeZonedTimesAndRefuseNonsense() throws Exception {
    convertWithPlan(pack(OBJECTS));
    Path copy = tmp.resolve("out/backups/copy");
    var zoned = Cli.run("plan", copy.toString(), "--output-file", "-", "--cutover-at", "2026-11-24T02:55+01:00[Europe/Berlin]");
    assertEquals(0, zoned.exitCode(), zoned.err());
    assertTrue(zoned.out().startsWith("# transship restore plan"), "-o - prints the plan");
    assertTrue(zoned.out().contains("cutoverAt: 2026-11-24T01:55:00Z"), zoned.out());
    for (String[] bad : new String[][] {{"--cutover-window", "-5m"}, {"--cutover-window", "0m"}, {"--velero-namespace", "Bad NS"},
        {"--cutover-at", "2026-11-24T22:00"}}) {
      var run = Cli.run("plan", copy.toString(), "--output-file", tmp.resolve("bad.yaml").toString(), bad[0], bad[1]);
      assertEquals(2, run.exitCode(), String.join(" ", bad));
      assertTrue(run.err().startsWith("transship: " + bad[0] + ": '"), run.err());
    }
    assertFalse(Files.exists(tmp.resolve("bad.yaml")));
    var noPlan = Cli.run("convert", copy.toString(), "--to", tmp.resolve("out2").toString(), "--name", "c", "--cutover-at", "2026-11-24T22:00Z");
    assertEquals("transship: --cutover-at needs --plan; see 'transship convert --help'", noPlan.err().strip());
  }

  @Test
  void planShowReadsAPlanAnotherYamlToolRewrote() throws Exception {
    convertWithPlan(pack(OBJECTS));
    Path plan = tmp.resolve("plan.yaml");
    // PyYAML and friends write timestamps as "2026-11-24 01:55:00+00:00".
    Files.writeString(plan, Files.readString(plan).replaceAll("(\\d{4}-\\d\\d-\\d\\d)T(\\d\\d:\\d\\d:\\d\\d)Z", "$1 $2+00:00"));
    assertTrue(Files.readString(plan).contains("2026-11-24 01:55:00+00:00"));
    var text = Cli.run("plan", "show", plan.toString());
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("would miss shop/nightly-report at 2026-11-24 02:00 UTC"), text.out());
  }

  @Test
  void planShowRefusesMistypedFields() throws Exception {
    convertWithPlan(pack(OBJECTS));
    String yaml = Files.readString(tmp.resolve("plan.yaml"));
    Path many = Files.writeString(tmp.resolve("many.yaml"), yaml.replaceFirst("objects: \\d+", "objects: many"));
    var run = Cli.run("plan", "show", many.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains(": objects must be a number, not 'many'"), run.err());
    JsonNode edited = Json.YAML.readTree(yaml);
    ((ObjectNode) edited.at("/stages/0")).put("before", 7);
    Path seven = Files.writeString(tmp.resolve("seven.yaml"), Json.yaml(edited));
    var steps = Cli.run("plan", "show", seven.toString());
    assertEquals(2, steps.exitCode(), steps.out());
    assertTrue(steps.err().contains("before and after must be lists of steps"), steps.err());
  }

  @Test
  void planCommandRefusesAnUnstampedBackup() throws Exception {
    Path source = pack(OBJECTS);
    var run = Cli.run("plan", source.toString(), "--output-file", tmp.resolve("p.yaml").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("has no transship.dev/stage label"), run.err());
    assertFalse(Files.exists(tmp.resolve("p.yaml")));
  }

  @Test
  void unparsableScheduleFailsNamingTheCronJobAndWritesNothing() throws Exception {
    Path source = pack("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: bad, namespace: shop}\nspec: {schedule: \"every day\"}\n");
    Path plan = tmp.resolve("plan.yaml");
    var run = Cli.run("convert", source.toString(), "--to", tmp.resolve("out").toString(), "--name", "copy", "--plan", plan.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("transship: " + source + ": CronJob shop/bad: schedule 'every day' does not parse"), run.err());
    assertFalse(Files.exists(plan));
    assertFalse(Files.exists(tmp.resolve("out/backups/copy")));
  }

  @Test
  void unknownTimeZoneAndTwoSetsAreErrors() throws Exception {
    Path source = pack("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: tz, namespace: shop}\nspec: {schedule: \"0 1 * * *\", timeZone: Mars/Base}\n");
    var run = Cli.run("convert", source.toString(), "--to", tmp.resolve("o1").toString(), "--name", "c", "--plan", tmp.resolve("p1.yaml").toString());
    assertEquals("transship: " + source + ": CronJob shop/tz: unknown time zone 'Mars/Base'", run.err().strip());
  }

  @Test
  void largeSetsAreSplit() throws Exception {
    StringBuilder objects = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      objects.append("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: job").append(i)
          .append(", namespace: shop}\nspec: {schedule: \"0 1 * * *\"}\n---\n");
    }
    Path source = pack(objects.toString());
    Path plan = tmp.resolve("plan.yaml");
    var run = Cli.run("convert", source.toString(), "--to", tmp.resolve("out").toString(), "--name", "copy", "--plan", plan.toString(), "--max-set-size", "2");
    assertEquals(0, run.exitCode(), run.err());
    List<String> names = stageNames(Json.YAML.readTree(plan.toFile()));
    assertTrue(names.containsAll(List.of("cutover-shop-1", "cutover-shop-2")), names.toString());
  }

  @Test
  void aCronJobInTwoSetsIsAnError() throws Exception {
    Path source = pack("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: both, namespace: shop, labels: {transship.dev/cutover-set: \"a,b\"}}\nspec: {schedule: \"0 1 * * *\"}\n");
    var run = Cli.run("convert", source.toString(), "--to", tmp.resolve("o").toString(), "--name", "c", "--plan", tmp.resolve("p.yaml").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("CronJob shop/both: label transship.dev/cutover-set puts it in two cutover sets (a,b)"), run.err());
  }

  @Test
  void aStageOverrideThatLeavesObjectsOutIsAnError() throws Exception {
    Path source = pack(OBJECTS);
    Path pack = tmp.resolve("stages.yaml");
    Files.writeString(pack, """
        apiVersion: transship.dev/v1alpha1
        kind: RuleSet
        metadata: {name: staged}
        rules:
          - {name: noop, match: {resources: [nothing]}, actions: [{setLabels: {a: b}}]}
        stages:
          - {name: base, resources: [namespaces, "*.apiextensions.k8s.io"]}
          - {name: apps, resources: ["*.apps", "*.batch"]}
        """);
    Path plan = tmp.resolve("p.yaml");
    var run = Cli.run("convert", source.toString(), "--rules", pack.toString(), "--to", tmp.resolve("o").toString(), "--name", "c", "--plan", plan.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("ConfigMap shop/settings (configmaps) matches no stage of the plan"), run.err());
    assertFalse(Files.exists(plan));
    assertFalse(Files.exists(tmp.resolve("o/backups/c")));
  }

  @Test
  void customStagesFromARulePackAreUsedInOrder() throws Exception {
    Path source = pack(OBJECTS);
    Path pack = tmp.resolve("stages.yaml");
    Files.writeString(pack, """
        apiVersion: transship.dev/v1alpha1
        kind: RuleSet
        metadata: {name: staged}
        rules:
          - {name: noop, match: {resources: [nothing]}, actions: [{setLabels: {a: b}}]}
        stages:
          - {name: base, resources: [namespaces, "*.apiextensions.k8s.io", configmaps]}
          - {name: everything, resources: ["*"]}
        """);
    Path plan = tmp.resolve("p.yaml");
    var run = Cli.run("convert", source.toString(), "--rules", pack.toString(), "--to", tmp.resolve("o").toString(), "--name", "c", "--plan", plan.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("base", "everything", "cutover-payments", "cutover-reporting", "verify"), stageNames(Json.YAML.readTree(plan.toFile())));
  }

  @Test
  void planOfAMissingBackupIsAnError() {
    var run = Cli.run("plan", tmp.resolve("nope/backups/x").toString(), "--output-file", tmp.resolve("p.yaml").toString());
    assertEquals(2, run.exitCode());
    assertEquals("transship: " + tmp.resolve("nope/backups/x") + ": no such backup folder", run.err().strip());
  }

  private static JsonNode stage(JsonNode plan, String name) {
    for (JsonNode s : plan.path("stages")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no stage " + name);
  }
}
