package dev.transship.restore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.TransshipException;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The target cluster's Velero, checked before anything is written: the API answers, Velero's
 * CRDs are installed, its namespace exists; then the converted Backup has been synced in from the
 * bucket (velero.md §2.4), and its location is ReadOnly as a target's should be.
 */
final class VeleroTarget {
  private final VeleroNamespace velero;
  private final KubernetesClient target;
  private final String namespace;
  private final String context;
  /** Whose cluster this is in messages ("target"), and how the user names Velero's namespace. */
  private final String role;
  private final String namespaceOption;

  VeleroTarget(VeleroNamespace velero, String context) {
    this(velero, context, "target", "--velero-namespace");
  }

  VeleroTarget(VeleroNamespace velero, String context, String role, String namespaceOption) {
    this.velero = velero;
    this.target = velero.client();
    this.namespace = velero.name();
    this.context = context == null ? "(current)" : context;
    this.role = role;
    this.namespaceOption = namespaceOption;
  }

  /** Reachable, Velero's API served, its namespace present; otherwise one line saying which. */
  void check() throws TransshipException {
    APIResourceList resources;
    try {
      resources = target.getApiResources(VeleroApi.API_VERSION);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        resources = null;
      } else {
        throw unreachable(e);
      }
    }
    Set<String> served = new TreeSet<>();
    if (resources != null) {
      resources.getResources().stream().map(APIResource::getName).forEach(served::add);
    }
    Set<String> missing = new TreeSet<>(VeleroApi.REQUIRED_RESOURCES);
    missing.removeAll(served);
    if (!missing.isEmpty()) {
      throw new TransshipException("Velero is not installed in " + role + " context " + context + ": the API server does not serve "
          + String.join(", ", missing.stream().map(r -> r + ".velero.io").toList()));
    }
    try {
      if (target.namespaces().withName(namespace).get() == null) {
        throw new TransshipException(role + " context " + context + " has no namespace '" + namespace + "' (give Velero's with " + namespaceOption + ")");
      }
    } catch (KubernetesClientException e) {
      throw unreachable(e);
    }
  }

  private TransshipException unreachable(KubernetesClientException e) {
    return new TransshipException("cannot reach the " + role + " cluster (context " + context + ", " + target.getMasterUrl() + "): " + KubeErrors.describe(e));
  }

  /** The Backup, if Velero has it. */
  Optional<JsonNode> backup(String name) throws TransshipException {
    try {
      return Optional.ofNullable(velero.of(VeleroApi.BACKUPS).withName(name).get())
          .map(VeleroApi::json);
    } catch (KubernetesClientException e) {
      throw unreachable(e);
    }
  }

  /** Watches until the Backup exists; a timeout is an error that says what to check. */
  JsonNode awaitBackup(String name, Duration timeout, PrintWriter log) throws TransshipException {
    Optional<JsonNode> present = backup(name);
    if (present.isPresent()) {
      return present.get();
    }
    log.printf("waiting up to %s for Backup %s to appear in %s (Velero's backup sync imports it from the bucket, every minute by default)%n",
        Durations.text(timeout), name, namespace);
    log.flush();
    try {
      GenericKubernetesResource backup = velero.of(VeleroApi.BACKUPS).withName(name)
          .waitUntilCondition(b -> b != null, timeout.toMillis(), TimeUnit.MILLISECONDS);
      return VeleroApi.json(backup);
    } catch (KubernetesClientTimeoutException e) {
      throw new TransshipException("Backup " + name + " did not appear in " + namespace + " of target context " + context + " within "
          + Durations.text(timeout) + "; check that it was uploaded under backups/" + name + "/ of a location the target's Velero syncs, "
          + "and that location's phase is Available");
    } catch (KubernetesClientException e) {
      throw unreachable(e);
    }
  }

  /** A warning when the Backup's location can write: the target should only read the bucket (velero.md §2.4). */
  Optional<String> writableLocationWarning(JsonNode backup) {
    String location = backup.path("spec").path("storageLocation").asText("");
    if (location.isEmpty()) {
      return Optional.empty();
    }
    try {
      GenericKubernetesResource bsl = velero.of(VeleroApi.STORAGE_LOCATIONS).withName(location).get();
      if (bsl == null) {
        return Optional.empty();
      }
      String mode = VeleroApi.json(bsl).path("spec").path("accessMode").asText("ReadWrite");
      return "ReadOnly".equals(mode) ? Optional.empty() : Optional.of("BackupStorageLocation " + namespace + "/" + location + " is "
          + mode + ", not ReadOnly: the target's Velero could garbage-collect or delete the backups (and shared volume data) in that bucket");
    } catch (KubernetesClientException e) {
      return Optional.of("cannot read BackupStorageLocation " + namespace + "/" + location + ": " + KubeErrors.describe(e));
    }
  }
}
