package dev.transship.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan steps hang off stage roles, so a pack that renames the stages keeps them. */
class StageRolesTest {
  private static final Path ROOT = Backups.repoRoot();
  @TempDir Path tmp;

  /** The built-in stages under other names, with their roles said explicitly. */
  private Path renamedStages() throws Exception {
    Path pack = tmp.resolve("stages.yaml");
    Files.writeString(pack, """
        apiVersion: transship.dev/v1alpha1
        kind: RuleSet
        metadata: {name: renamed-stages}
        rules:
          - {name: noop, match: {resources: [nothing]}, actions: [{setLabels: {a: b}}]}
        stages:
          - {name: base, resources: [namespaces, "*.apiextensions.k8s.io", "*.rbac.authorization.k8s.io", serviceaccounts, "*.storage.k8s.io", "*.scheduling.k8s.io", ingressclasses.networking.k8s.io]}
          - {name: settings, roles: [config], resources: [configmaps, secrets]}
          - {name: apps, resources: ["*.apps", "*.batch", services, persistentvolumeclaims, persistentvolumes, "*.autoscaling", "*.policy"]}
          - {name: edge, roles: [traffic], resources: ["*"]}
        """);
    return pack;
  }

  private JsonNode plan(Path backup, String... rules) throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    List<String> args = new ArrayList<>(List.of("convert", "--fail-on", "never", backup.toString(), "--to", tmp.resolve("out").toString(),
        "--name", "renamed", "--plan", plan.toString(), "--cutover-at", "2026-11-24T01:55:00Z"));
    args.addAll(List.of(rules));
    var run = Cli.run(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    return Json.YAML.readTree(plan.toFile());
  }

  private static JsonNode stage(JsonNode plan, String name) {
    for (JsonNode s : plan.path("stages")) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no stage " + name + " in " + plan);
  }

  @Test
  void pullSecretsAreMintedBeforeTheStageWithTheConfigRole() throws Exception {
    JsonNode plan = plan(ROOT.resolve("sample-backups/eks-shop/backups/eks-shop-nightly-20261120"),
        "--rules", ROOT.resolve("rules/eks-to-gke.yaml").toString(), "--values", ROOT.resolve("sample-backups/eks-shop/values-gke.yaml").toString(),
        "--rules", renamedStages().toString());
    assertEquals("[\"payments/regcred\",\"shop/regcred\"]", stage(plan, "settings").at("/before/0/regeneratePullSecrets/secrets").toString());
    assertTrue(stage(plan, "base").path("before").isEmpty(), "not before the first stage: " + stage(plan, "base"));
  }

  @Test
  void theBridgeCertificateGateStaysBeforeTheStageWithTheTrafficRole() throws Exception {
    JsonNode plan = plan(ROOT.resolve("sample-backups/gke-store/backups/gke-store-nightly-20261120"),
        "--rules", ROOT.resolve("rules/gke-project-move.yaml").toString(), "--set", "fromProject=acme-prod-123", "--set", "toProject=acme-prod-456",
        "--set", "bridgeCertName=store-bridge", "--rules", renamedStages().toString());
    JsonNode edge = stage(plan, "edge");
    assertEquals("upload-bridge-certificate", edge.at("/before/0/gate/name").asText(), edge.toString());
  }

  @Test
  void aRoleOnTwoStagesOrAnUnknownRoleIsAnErrorAtThePack() throws Exception {
    Path backup = ROOT.resolve("sample-backups/eks-shop/backups/eks-shop-nightly-20261120");
    Path twice = tmp.resolve("twice.yaml");
    Files.writeString(twice, """
        apiVersion: transship.dev/v1alpha1
        kind: RuleSet
        metadata: {name: twice}
        rules:
          - {name: noop, match: {resources: [nothing]}, actions: [{setLabels: {a: b}}]}
        stages:
          - {name: config, resources: [configmaps]}
          - {name: secrets, roles: [config], resources: ["*"]}
        """);
    var run = Cli.run("convert", backup.toString(), "--to", tmp.resolve("o").toString(), "--name", "c", "--plan", tmp.resolve("p.yaml").toString(),
        "--rules", twice.toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("twice.yaml:8:") && run.err().contains("stage 'secrets' has role config, which stage 'config' has already"), run.err());

    Files.writeString(twice, Files.readString(twice).replace("roles: [config]", "roles: [dns]"));
    var unknown = Cli.run("convert", backup.toString(), "--to", tmp.resolve("o").toString(), "--name", "c", "--plan", tmp.resolve("p.yaml").toString(),
        "--rules", twice.toString());
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown stage role 'dns' (known: config, traffic)"), unknown.err());
  }
}
