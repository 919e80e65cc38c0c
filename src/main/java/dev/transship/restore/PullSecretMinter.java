package dev.transship.restore;

import dev.transship.TransshipException;
import dev.transship.plan.PlanStep;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.PrintWriter;

/**
 * Creates or replaces the {@code kubernetes.io/dockerconfigjson} Secrets a plan names, with a
 * login minted just now, right before the stage whose workloads pull with them. The token goes
 * from the provider straight into the Secret: never printed, never written to state.
 */
final class PullSecretMinter {
  /** Which credentials serve a provider name; tests pass fakes. */
  @FunctionalInterface
  interface Providers {
    RegistryCredentials forProvider(String provider) throws TransshipException;
  }

  private final KubernetesClient target;
  private final Providers providers;
  private final PrintWriter log;

  PullSecretMinter(KubernetesClient target, Providers providers, PrintWriter log) {
    this.target = target;
    this.providers = providers;
    this.log = log;
  }

  void mint(PlanStep.RegeneratePullSecrets step) throws TransshipException {
    RegistryLogin login = providers.forProvider(step.provider()).login(step.registry());
    for (String ref : step.secrets()) {
      ObjectRefs.Ref secretRef = ObjectRefs.parse(ref);
      try {
        ensureNamespace(secretRef.namespace());
        Secret secret = VeleroApi.typed(RestoreObjects.pullSecret(secretRef.namespace(), secretRef.name(), step.registry(), login), Secret.class);
        target.resource(secret).createOr(NonDeletingOperation::update);
      } catch (KubernetesClientException e) {
        throw new TransshipException("cannot write pull secret " + ref + " in the target: " + KubeErrors.describe(e));
      }
      log.printf("  minted pull secret %s for %s (%s)%n", ref, step.registry(), step.provider());
    }
  }

  /** Velero creates a namespace lazily; a secret minted before its namespace's stage needs it now. */
  private void ensureNamespace(String namespace) {
    if (target.namespaces().withName(namespace).get() == null) {
      target.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .createOr(NonDeletingOperation::update);
    }
  }
}
