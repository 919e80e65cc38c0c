package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.TarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object of both samples with each of its top-level fields, and each field of its spec,
 * removed or replaced by a value of every other JSON type, put through every bundled pack (so
 * every built-in converter) and every lint check. Each run must answer: a finding, a kept object
 * under --on-error report, or a one-line error; never an internal error (exit 70). Metadata is
 * left whole: the archive reader refuses a name or namespace that disagrees with the item's path
 * before any converter sees it (the hostile-archive suite covers that).
 */
class UnexpectedShapesTest {
  private static final List<JsonNode> REPLACEMENTS = List.of(
      Json.MAPPER.getNodeFactory().textNode("x"), Json.MAPPER.getNodeFactory().numberNode(7),
      Json.MAPPER.getNodeFactory().booleanNode(true), Json.MAPPER.createArrayNode().add("x"), Json.MAPPER.createObjectNode().put("x", 1),
      Json.MAPPER.getNodeFactory().nullNode());
  private static final Path RULES = Backups.repoRoot().resolve("rules");

  @TempDir static Path tmp;
  private static Path backup;
  private static int variants;

  @BeforeAll
  static void buildBackupOfMutatedObjects() throws Exception {
    TarBuilder tar = new TarBuilder().file("metadata/version", "1.1.0");
    for (Path sample : List.of(Backups.eksSample(), Backups.gkeSample())) {
      Path tarball = sample.resolve(sample.getFileName() + ".tar.gz");
      for (Map.Entry<String, String> item : Backups.items(tarball).entrySet()) {
        if (item.getKey().contains("-preferredversion/")) {
          continue;
        }
        ObjectNode object = (ObjectNode) Json.MAPPER.readTree(item.getValue());
        for (ObjectNode variant : variants(object)) {
          String name = object.at("/metadata/name").asText() + "-v" + variants++;
          ((ObjectNode) variant.path("metadata")).put("name", name);
          String path = item.getKey().substring(0, item.getKey().lastIndexOf('/') + 1) + name + ".json";
          tar.file(path, variant.toString());
        }
      }
    }
    backup = Files.write(tmp.resolve("shapes.tar.gz"), tar.build());
  }

  /** The object with one field at a time removed or of another type: top-level fields, then spec's. */
  private static List<ObjectNode> variants(ObjectNode object) {
    List<ObjectNode> out = new ArrayList<>();
    for (String field : names(object)) {
      if (field.equals("apiVersion") || field.equals("kind") || field.equals("metadata")) {
        continue;
      }
      mutate(object, List.of(field), out);
    }
    if (object.path("spec") instanceof ObjectNode spec) {
      for (String field : names(spec)) {
        mutate(object, List.of("spec", field), out);
      }
    }
    return out;
  }

  private static void mutate(ObjectNode object, List<String> path, List<ObjectNode> out) {
    ObjectNode removed = object.deepCopy();
    parent(removed, path).remove(path.get(path.size() - 1));
    out.add(removed);
    JsonNode original = parent(object, path).get(path.get(path.size() - 1));
    for (JsonNode replacement : REPLACEMENTS) {
      if (replacement.getNodeType() != original.getNodeType()) {
        ObjectNode changed = object.deepCopy();
        parent(changed, path).set(path.get(path.size() - 1), replacement.deepCopy());
        out.add(changed);
      }
    }
  }

  private static ObjectNode parent(ObjectNode object, List<String> path) {
    ObjectNode node = object;
    for (String step : path.subList(0, path.size() - 1)) {
      node = (ObjectNode) node.get(step);
    }
    return node;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  static Stream<List<String>> packs() {
    return Stream.of(
        // the variants rename objects, so the values' map keyed by Ingress name would name nothing
        List.of("--rules", RULES.resolve("eks-to-gke.yaml").toString(), "--values",
            Backups.repoRoot().resolve("sample-backups/eks-shop/values-gke.yaml").toString(), "--set", "inboundCidrPolicies={}"),
        List.of("--rules", RULES.resolve("eks-upgrade.yaml").toString()),
        List.of("--rules", RULES.resolve("gke-project-move.yaml").toString(), "--set", "fromProject=acme-prod-123",
            "--set", "toProject=acme-next-456", "--set", "bridgeCertName=store-bridge"));
  }

  @ParameterizedTest
  @MethodSource("packs")
  void everyConverterAnswersEveryShape(List<String> pack) {
    List<String> args = new ArrayList<>(List.of("convert", backup.toString(), "--to", tmp.resolve("out").toString(), "--name", "c",
        "--dry-run", "--on-error", "report", "--fail-on", "never"));
    args.addAll(pack);
    var run = Cli.run(args.toArray(String[]::new));
    assertTrue(variants > 500, "mutations built: " + variants);
    assertFalse(run.err().contains("internal error"), run.err());
    assertEquals(0, run.exitCode(), "with --on-error report every object is kept or converted: " + run.err());

    // by default the first object a converter cannot take stops the run: one line, exit 2
    args.removeAll(List.of("--on-error", "report"));
    var failing = Cli.run(args.toArray(String[]::new));
    assertFalse(failing.err().contains("internal error"), failing.err());
    assertTrue(failing.exitCode() == 0 || (failing.exitCode() == 2 && failing.err().strip().lines().count() == 1), failing.err());
    if (failing.exitCode() == 2) {
      // the one line names the rule, the object and what was wrong with it
      assertTrue(failing.err().matches("(?s)transship: .*rule '[^']+' \\(.+\\) failed on \\S+ \\S+: .+\\n"), failing.err());
    }
  }

  @ParameterizedTest
  @MethodSource("targets")
  void everyCheckAnswersEveryShape(String target) {
    var run = Cli.run("lint", backup.toString(), "--target", target, "--target-version", "1.32", "--fail-on", "never", "-o", "json");
    assertFalse(run.err().contains("internal error"), run.err());
    assertEquals(0, run.exitCode(), run.err());
  }

  static Stream<String> targets() {
    return Stream.of("gke", "eks", "same");
  }
}
