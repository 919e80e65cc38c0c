package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Creates a stage's Restore, or adopts the one an earlier run created under the same name, and
 * watches it to a terminal phase. Never a second Restore for the same attempt.
 */
final class VeleroRestores {
  private final VeleroNamespace velero;
  private final Progress progress;

  VeleroRestores(VeleroNamespace velero, Progress progress) {
    this.velero = velero;
    this.progress = progress;
  }

  /** The Restore of that name, if one exists. */
  Optional<JsonNode> find(String name) throws TransshipException {
    try {
      return Optional.ofNullable(restore(name).get()).map(VeleroApi::json);
    } catch (KubernetesClientException e) {
      throw new TransshipException("cannot read Restore " + velero.where(name) + ": " + KubeErrors.describe(e));
    }
  }

  /** Creates the Restore; false when one of that name already existed and is adopted instead. */
  boolean createOrAdopt(ObjectNode restore) throws TransshipException {
    String name = restore.path("metadata").path("name").asText();
    if (find(name).isPresent()) {
      return false;
    }
    try {
      velero.of(VeleroApi.RESTORES).resource(VeleroApi.resource(restore)).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return false; // created between our read and our create: the same deterministic name, so the same Restore
      }
      throw new TransshipException("cannot create Restore " + velero.where(name) + ": " + KubeErrors.describe(e));
    }
  }

  /**
   * Watches the Restore until Velero puts it in a terminal phase; empty when the timeout passes
   * first (the Restore keeps running; a resumed run adopts it).
   */
  Optional<RestoreOutcome> await(String name, Duration timeout) throws TransshipException {
    try {
      GenericKubernetesResource last = restore(name).waitUntilCondition(r -> {
        if (r == null) {
          return true;
        }
        JsonNode json = VeleroApi.json(r);
        progress.show(name, json);
        return VeleroApi.TERMINAL_PHASES.contains(json.path("status").path("phase").asText());
      }, timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.of(last == null ? RestoreOutcome.deleted(name) : RestoreOutcome.of(name, VeleroApi.json(last)));
    } catch (KubernetesClientTimeoutException e) {
      return Optional.empty();
    } catch (KubernetesClientException e) {
      throw new TransshipException("lost the watch on Restore " + velero.where(name) + ": " + KubeErrors.describe(e));
    }
  }

  private Resource<GenericKubernetesResource> restore(String name) {
    return velero.of(VeleroApi.RESTORES).withName(name);
  }
}
