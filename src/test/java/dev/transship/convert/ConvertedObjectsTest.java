package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.transship.testing.Backups;
import dev.transship.testing.Cli;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converted core objects are still valid Kubernetes objects: each deserializes into fabric8's typed
 * model of its kind (a wrong field type fails here). {@link K3sApiServerTest} goes further where
 * Docker runs and has a real API server accept them.
 */
class ConvertedObjectsTest {
  @TempDir Path tmp;

  /** The converted EKS sample's legacy items: path to JSON. */
  static Map<String, String> convertedEksSample(Path tmp) {
    Path root = Backups.repoRoot();
    var run = Cli.run("convert", "--fail-on", "never", root.resolve("sample-backups/eks-shop/backups/eks-shop-nightly-20261120").toString(),
        "--rules", root.resolve("rules/eks-to-gke.yaml").toString(), "--values", root.resolve("sample-backups/eks-shop/values-gke.yaml").toString(),
        "--to", tmp.resolve("out").toString(), "--name", "c");
    assertEquals(0, run.exitCode(), run.err());
    Map<String, String> items = Backups.items(tmp.resolve("out/backups/c/c.tar.gz"));
    items.keySet().removeIf(k -> k.contains("-preferredversion/"));
    return items;
  }

  @Test
  void convertedCoreObjectsParseIntoTheirTypedModel() {
    List<String> generic = new ArrayList<>();
    int typed = 0;
    for (var e : convertedEksSample(tmp).entrySet()) {
      String groupResource = e.getKey().split("/")[1];
      boolean core = !groupResource.contains(".")
          || groupResource.matches("[a-z]+\\.(apps|batch|networking\\.k8s\\.io|policy|autoscaling|rbac\\.authorization\\.k8s\\.io|storage\\.k8s\\.io)");
      if (!core) {
        continue;
      }
      HasMetadata object = Serialization.unmarshal(e.getValue());
      if (object instanceof GenericKubernetesResource) {
        generic.add(e.getKey());
      } else {
        typed++;
      }
    }
    assertEquals(List.of(), generic, "core objects fabric8 could not type");
    assertFalse(typed < 30, "checked " + typed + " typed objects");
  }
}
