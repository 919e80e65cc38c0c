package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real API server (k3s) accepts every converted core object of the EKS sample in a server-side
 * dry run. Needs Docker; skipped cleanly without it ({@link ConvertedObjectsTest} covers the typed
 * model everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sApiServerTest {
  @Container
  static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

  @TempDir Path tmp;

  @Test
  void apiServerAcceptsConvertedCoreObjects() {
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build()) {
      for (String ns : List.of("shop", "payments")) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).createOr(n -> n.update());
      }
      List<String> rejected = new ArrayList<>();
      for (var e : ConvertedObjectsTest.convertedEksSample(tmp).entrySet()) {
        if (e.getKey().contains(".cloud.google.com") || e.getKey().contains(".gke.io") || e.getKey().startsWith("resources/namespaces/")) {
          continue; // GKE CRDs are checked against their schemas elsewhere
        }
        HasMetadata object = Serialization.unmarshal(e.getValue());
        object.getMetadata().setResourceVersion(null);
        object.getMetadata().setUid(null);
        try {
          client.resource(object).dryRun().create();
        } catch (KubernetesClientException ex) {
          if (ex.getCode() != 409) {
            rejected.add(e.getKey() + ": " + ex.getMessage());
          }
        }
      }
      assertEquals(List.of(), rejected);
    }
  }
}
