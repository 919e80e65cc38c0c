package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object a pack changes says why: a finding of the converter that changed it, or the
 * engine's "rule-changed". The engine only watches for silent changes in rules with a generic
 * action, trusting converters to report their own (ObjectAction.reportsItsChanges); this holds
 * them to it on the bundled samples.
 */
class NoSilentChangesTest {
  private static final Path ROOT = Backups.repoRoot();
  @TempDir Path tmp;

  static Stream<Arguments> packs() {
    String eks = "sample-backups/eks-shop/backups/eks-shop-nightly-20261120";
    return Stream.of(
        Arguments.of(eks, List.of("--rules", "rules/eks-to-gke.yaml", "--values", "sample-backups/eks-shop/values-gke.yaml")),
        Arguments.of(eks, List.of("--rules", "rules/eks-upgrade.yaml", "--set",
            "targetGroups={\"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/k8s-shop-web-1a2b3c4d5e/0123456789abcdef\": "
                + "\"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/green-web/fedcba9876543210\"}")),
        Arguments.of("sample-backups/gke-store/backups/gke-store-nightly-20261120", List.of("--rules", "rules/gke-project-move.yaml",
            "--set", "fromProject=acme-prod-123", "--set", "toProject=acme-prod-456")));
  }

  @ParameterizedTest
  @MethodSource("packs")
  void everyChangedObjectHasAFinding(String sample, List<String> rules) throws Exception {
    Path report = tmp.resolve("report.json");
    List<String> args = new ArrayList<>(List.of("convert", ROOT.resolve(sample).toString(), "--to", tmp.resolve("out").toString(),
        "--name", "c", "--fail-on", "never", "--report", report.toString()));
    rules.forEach(a -> args.add(a.startsWith("rules/") || a.startsWith("sample-backups/") ? ROOT.resolve(a).toString() : a));
    var run = Cli.run(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    List<String> changed = new ArrayList<>();
    List<String> silent = new ArrayList<>();
    for (JsonNode object : Json.MAPPER.readTree(report.toFile()).path("objects")) {
      if (object.path("status").asText().equals("changed")) {
        changed.add(object.path("object").asText());
        if (object.path("findings").isEmpty()) {
          silent.add(object.path("object").asText());
        }
      }
    }
    assertTrue(changed.size() > 3, "the pack changed only " + changed);
    assertEquals(List.of(), silent, "changed without a finding");
  }
}
