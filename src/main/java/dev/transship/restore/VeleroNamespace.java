package dev.transship.restore;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** Velero's namespace in the target cluster, where every Velero object the run reads or writes lives. */
record VeleroNamespace(KubernetesClient client, String name) {
  NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> of(
      ResourceDefinitionContext kind) {
    return client.genericKubernetesResources(kind).inNamespace(name);
  }

  /** "velero/NAME", for messages. */
  String where(String object) {
    return name + "/" + object;
  }
}
