package dev.transship.restore;

import dev.transship.TransshipException;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Clients for kubeconfig contexts, resolved as kubectl resolves them ({@code --kubeconfig}, else KUBECONFIG, else ~/.kube/config). */
final class KubeContexts {
  private KubeContexts() {}

  /**
   * A client for the context (the current context when null). An unknown context is an error
   * naming the contexts there are; nothing is contacted yet. One API request may go unanswered for
   * {@code timeouts.request()}.
   */
  static KubernetesClient open(Path kubeconfig, String context, String role, ClusterTimeouts timeouts) throws TransshipException {
    Config config;
    try {
      if (kubeconfig != null) {
        if (!Files.isRegularFile(kubeconfig)) {
          throw new TransshipException(kubeconfig + ": no such kubeconfig file");
        }
        config = Config.fromKubeconfig(context, kubeconfig.toFile());
      } else {
        config = Config.autoConfigure(context);
      }
    } catch (KubernetesClientException | IllegalArgumentException e) {
      throw new TransshipException("cannot use " + role + " context " + (context == null ? "(current)" : context) + ": "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    List<String> names = config.getContexts() == null ? List.of() : config.getContexts().stream().map(NamedContext::getName).sorted().toList();
    if (context != null && !names.contains(context)) {
      throw new TransshipException("unknown " + role + " context '" + context + "'"
          + (names.isEmpty() ? " (no kubeconfig contexts found)" : " (contexts: " + String.join(", ", names) + ")"));
    }
    // A cluster that does not answer is bad input: say so in seconds, not after the client's ten retries.
    config.setRequestRetryBackoffLimit(2);
    config.setConnectionTimeout(10_000);
    config.setRequestTimeout((int) timeouts.request().toMillis());
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
