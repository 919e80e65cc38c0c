package dev.transship.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.FuzzInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rule-pack loader and CEL conditions: the bundled packs with lines replaced, dropped,
 * repeated or spliced, and a small pack whose {@code when} is fuzzed CEL, run over the EKS sample.
 * Loading or running them ends in a clear error or a result, never a crash.
 */
class RulePackFuzzTest {
  private static final Path DIR = FuzzWorkspace.dir("rulepacks");
  private static final List<String> PACKS = FuzzInputs.samplePacks();
  private static final String BACKUP = Backups.eksSample().toString();
  /** gke-project-move over the GKE sample: over the EKS one its fromProject names nothing and it stops before any rule runs. */
  private static final java.util.Map<Integer, String> BACKUPS = java.util.Map.of(2, Backups.gkeSample().toString());
  /** What each bundled pack (in file-name order) needs: eks-to-gke, eks-upgrade, gke-project-move. */
  private static final java.util.Map<Integer, String> VALUES =
      java.util.Map.of(0, "{gcpProject: acme-prod}", 2, "{fromProject: acme-prod-123, toProject: acme-prod-456}");
  private static final String[] CONDITIONS = {
    "object.spec.?ingressClassName.orValue('') == 'alb'", "object.metadata.name.startsWith('a')",
    "has(object.spec) && object.spec.replicas > 1", "size(object.metadata.?labels.orValue({})) > 0",
    "object.kind in ['CronJob', 'Ingress']", "params.gcpProject == 'x'"
  };

  @FuzzTest(maxDuration = "10m")
  void loadsOrRefusesMutatedPacks(FuzzedDataProvider data) throws IOException {
    target(data);
  }

  /** One execution; {@link AllTargetsFuzzTest} calls it too. */
  static void target(FuzzedDataProvider data) throws IOException {
    String pack;
    String values = "{}";
    String backup = BACKUP;
    if (data.consumeBoolean()) {
      int which = data.consumeInt(0, PACKS.size() - 1);
      pack = FuzzInputs.mutateText(PACKS.get(which), data);
      values = VALUES.getOrDefault(which, "{}");
      backup = BACKUPS.getOrDefault(which, BACKUP);
    } else {
      String when = data.consumeBoolean() ? FuzzInputs.mutateText(data.pickValue(CONDITIONS), data).strip() : data.consumeString(200);
      pack = "apiVersion: transship.dev/v1alpha1\nkind: RuleSet\nmetadata: {name: fuzz}\nrules:\n  - name: r\n    match:\n"
          + "      resources: [\"*\"]\n      when: " + quote(when) + "\n    actions: [{setLabels: {fuzzed: \"yes\"}}]\n";
    }
    Path file = Files.writeString(DIR.resolve("pack.yaml"), pack);
    Files.writeString(DIR.resolve("values.yaml"), values);
    FuzzInputs.assertAnswered(Cli.run("convert", backup, "--to", DIR.resolve("out").toString(), "--name", "copy", "--dry-run",
        "--rules", file.toString(), "--values", DIR.resolve("values.yaml").toString()), pack);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
