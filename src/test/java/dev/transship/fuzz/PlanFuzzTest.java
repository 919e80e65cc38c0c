package dev.transship.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import dev.transship.testing.FuzzInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The plan loader on plans convert wrote for the samples, with lines replaced, dropped, repeated
 * or spliced: {@code plan show} in both formats loads and prints it or refuses it in one line.
 */
class PlanFuzzTest {
  private static final Path DIR = FuzzWorkspace.dir("plans");
  private static final List<String> PLANS = samplePlans();

  private static List<String> samplePlans() {
    try {
      Path root = Backups.repoRoot();
      Path plan = DIR.resolve("gke.yaml");
      Cli.Run run = Cli.run("convert", Backups.gkeSample().toString(), "--to", DIR.resolve("gke").toString(), "--name", "copy",
          "--rules", root.resolve("rules/gke-project-move.yaml").toString(), "--set", "fromProject=acme-prod-123",
          "--set", "toProject=acme-prod-456", "--plan", plan.toString(), "--cutover-at", "2026-11-24T22:00:00Z");
      if (run.exitCode() != 0) {
        throw new IllegalStateException(run.err());
      }
      return List.of(Files.readString(root.resolve("src/test/resources/restore/eks-shop-plan.yaml")), Files.readString(plan));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void loadsOrRefusesMutatedPlans(FuzzedDataProvider data) throws IOException {
    target(data);
  }

  /** One execution; {@link AllTargetsFuzzTest} calls it too. */
  static void target(FuzzedDataProvider data) throws IOException {
    String plan = FuzzInputs.mutateText(data.pickValue(PLANS), data);
    Path file = Files.writeString(DIR.resolve("plan.yaml"), plan);
    FuzzInputs.assertAnswered(Cli.run("plan", "show", file.toString(), "--format", data.consumeBoolean() ? "text" : "mermaid"), plan);
  }
}
