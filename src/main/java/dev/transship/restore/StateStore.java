package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.store.AtomicFile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a run's state lives: a ConfigMap in the target's Velero namespace (so a resume works
 * from another machine) and a local copy (readable when the cluster is not). The ConfigMap wins.
 */
final class StateStore {
  static final String KEY = "state.json";

  private final KubernetesClient target;
  private final String namespace;
  private final String configMapName;
  private final Path localFile;

  StateStore(KubernetesClient target, String namespace, String planName, Path localFile) {
    this.target = target;
    this.namespace = namespace;
    this.configMapName = configMapName(planName);
    this.localFile = localFile;
  }

  static String configMapName(String planName) {
    return "transship-" + planName;
  }

  String where() {
    return "ConfigMap " + namespace + "/" + configMapName;
  }

  Optional<RunState> load() throws TransshipException {
    ConfigMap cm;
    try {
      cm = target.configMaps().inNamespace(namespace).withName(configMapName).get();
    } catch (KubernetesClientException e) {
      throw new TransshipException("cannot read the run state " + where() + ": " + KubeErrors.describe(e));
    }
    if (cm != null && cm.getData() != null && cm.getData().containsKey(KEY)) {
      return Optional.of(parse(cm.getData().get(KEY), where()));
    }
    if (localFile != null && Files.isRegularFile(localFile)) {
      try {
        return Optional.of(parse(Files.readString(localFile), localFile.toString()));
      } catch (IOException e) {
        throw new TransshipException(localFile + ": cannot read the run state: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  private static RunState parse(String text, String where) throws TransshipException {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new TransshipException(where + ": the run state is not JSON; delete it to start over");
    }
    RunState state = json == null ? null : RunState.fromJson(json);
    if (state == null) {
      throw new TransshipException(where + ": not a transship run state; delete it to start over");
    }
    return state;
  }

  void save(RunState state) throws TransshipException {
    ObjectNode json = state.toJson();
    String text = Json.compact(json);
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(configMapName).withNamespace(namespace)
        .addToLabels(RestoreObjects.MANAGED_BY, "transship").addToAnnotations(RestoreObjects.PLAN_ANNOTATION, state.plan())
        .endMetadata().addToData(KEY, text).build();
    try {
      target.configMaps().inNamespace(namespace).resource(cm).createOr(NonDeletingOperation::update);
    } catch (KubernetesClientException e) {
      throw new TransshipException("cannot save the run state to " + where() + ": " + KubeErrors.describe(e));
    }
    if (localFile != null) {
      AtomicFile.write(localFile, text + "\n");
    }
  }
}
