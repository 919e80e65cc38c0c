package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inspect, lint and convert on the backup real Velero wrote on the test bed
 * (sample-backups/velero-written): what Velero really writes, not what pack writes.
 */
class VeleroWrittenSampleTest {
  private static final Path BACKUP = Backups.repoRoot().resolve("sample-backups/velero-written/backups/eks-shop-by-velero");

  @TempDir Path tmp;

  @Test
  void inspectCountsWhatVeleroBackedUp() throws Exception {
    var run = Cli.run("inspect", BACKUP.toString(), "-o", "json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode out = Json.MAPPER.readTree(run.out());
    String text = out.toString();
    for (String resource : new String[] {"meshes.appmesh.k8s.aws", "controllerrevisions.apps", "endpointslices.discovery.k8s.io", "events"}) {
      assertTrue(text.contains(resource), "inspect lists " + resource + ": " + text);
    }
  }

  @Test
  void lintFindsTheEksToGkeProblemsInARealBackup() throws Exception {
    var run = Cli.run("lint", BACKUP.toString(), "--target", "gke", "--format", "json");
    assertEquals(1, run.exitCode(), run.err());
    Set<String> checks = new TreeSet<>();
    Json.MAPPER.readTree(run.out()).path("findings").forEach(f -> checks.add(f.path("check").asText()));
    assertTrue(checks.containsAll(Set.of("alb-ingress", "controller-finalizer", "ecr-image", "target-group-binding", "aws-only-resource",
        "aws-storage-class", "irsa-service-account")), checks.toString());
  }

  @Test
  void eksToGkeConvertsARealBackup() throws Exception {
    Path root = Backups.repoRoot();
    var run = Cli.run("convert", BACKUP.toString(), "--rules", root.resolve("rules/eks-to-gke.yaml").toString(),
        "--values", root.resolve("sample-backups/eks-shop/values-gke.yaml").toString(),
        "--to", tmp.toString(), "--name", "on-gke");
    assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.err());
    Path out = tmp.resolve("backups/on-gke");
    Map<String, JsonNode> items = new TreeMap<>();
    for (var e : Backups.items(out.resolve("on-gke.tar.gz")).entrySet()) {
      if (e.getKey().startsWith("resources/") && !e.getKey().contains("-preferredversion/")) {
        items.put(e.getKey(), Json.MAPPER.readTree(e.getValue()));
      }
    }
    for (String path : items.keySet()) {
      assertFalse(path.matches("resources/[^/]*(k8s\\.aws|amazonaws\\.com|karpenter\\.sh)/.*"), "AWS-only object kept: " + path);
      assertFalse(path.startsWith("resources/controllerrevisions.apps/"), "revision history kept: " + path);
    }
    for (var e : items.entrySet()) {
      for (JsonNode f : e.getValue().path("metadata").path("finalizers")) {
        assertFalse(f.asText().contains("k8s.aws"), e.getKey() + " keeps " + f.asText());
      }
    }
    JsonNode web = items.get("resources/ingresses.networking.k8s.io/namespaces/shop/web.json");
    String cls = web.path("spec").path("ingressClassName").asText(web.path("metadata").path("annotations").path("kubernetes.io/ingress.class").asText());
    assertTrue(cls.startsWith("gce"), "class " + cls);
    assertEquals("standard-rwo", items.get("resources/persistentvolumeclaims/namespaces/shop/data-db-0.json").at("/spec/storageClassName").asText());
    // Velero wrote 'null' for no pod volume backups; the copy carries it on.
    assertTrue(Files.exists(out.resolve("on-gke-podvolumebackups.json.gz")));
  }
}
