package dev.transship.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.FuzzInputs;
import dev.transship.testing.FuzzInputs.SampleItem;
import dev.transship.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every built-in converter, through the three bundled packs, and every lint check, on sample
 * objects with values replaced anywhere in their tree: a clear error or a finding, never a crash.
 */
class ConverterFuzzTest {
  private static final Path DIR = FuzzWorkspace.dir("converters");
  private static final String RULES = Backups.repoRoot().resolve("rules").toString();
  private static final List<List<String>> PACKS = List.of(
      List.of("--rules", RULES + "/eks-to-gke.yaml", "--set", "gcpProject=acme-prod"),
      List.of("--rules", RULES + "/eks-upgrade.yaml"),
      List.of("--rules", RULES + "/gke-project-move.yaml", "--set", "fromProject=acme-prod-123", "--set", "toProject=acme-prod-456"));

  @FuzzTest(maxDuration = "10m")
  void convertsOrReportsMutatedObjects(FuzzedDataProvider data) throws IOException {
    target(data);
  }

  /** One execution; {@link AllTargetsFuzzTest} calls it too. */
  static void target(FuzzedDataProvider data) throws IOException {
    SampleItem sample = data.pickValue(FuzzInputs.SAMPLE_ITEMS);
    ObjectNode mutated = FuzzInputs.mutateObject(sample.object(), data);
    Path backup = Files.write(DIR.resolve("backup.tar.gz"), new TarBuilder().file("metadata/version", "1.1.0")
        .file("resources/namespaces/cluster/" + mutated.path("metadata").path("namespace").asText("default") + ".json",
            TarBuilder.item("v1", "Namespace", null, mutated.path("metadata").path("namespace").asText("default")))
        // names gke-project-move's fromProject, which otherwise stops the run before any rule sees the mutated object
        .file("resources/configmaps/namespaces/fuzz/project.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
            + "{\"name\":\"project\",\"namespace\":\"fuzz\"},\"data\":{\"topic\":\"projects/acme-prod-123/topics/fuzz\"}}")
        .file(sample.entryName(), mutated.toString()).build());
    String input = sample.entryName() + "\n" + mutated.toPrettyString();
    List<String> pack = data.pickValue(PACKS);
    String[] convert = java.util.stream.Stream.concat(
        java.util.stream.Stream.of("convert", backup.toString(), "--to", DIR.resolve("out").toString(), "--name", "copy", "--dry-run",
            "--on-error", data.consumeBoolean() ? "report" : "fail"), pack.stream()).toArray(String[]::new);
    FuzzInputs.assertAnswered(Cli.run(convert), input);
    FuzzInputs.assertAnswered(Cli.run("lint", backup.toString(), "--target", data.pickValue(new String[] {"gke", "eks", "same"}),
        "--target-version", "1.32", "--fail-on", "never", "--format", "json"), input);
  }
}
