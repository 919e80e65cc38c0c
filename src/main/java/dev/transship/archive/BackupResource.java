package dev.transship.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@code velero-backup.json} of a converted copy so that Velero's backup sync imports it
 * as a finished backup (velero.md §2.4): same name as its folder, phase Completed (or
 * PartiallyFailed, kept from the source), an expiration that is absent or in the future so the GC
 * controller leaves it alone, and format version 1.1.0.
 */
public final class BackupResource {
  public static final String SOURCE_BACKUP_ANNOTATION = "transship.dev/source-backup";
  private static final Set<String> IMPORTABLE_PHASES = Set.of("Completed", "PartiallyFailed");

  private BackupResource() {}

  /** Refuses sources whose phase means the tarball is incomplete or missing. */
  public static void checkConvertible(String address, Optional<ObjectNode> source) throws TransshipException {
    if (source.isEmpty()) {
      return;
    }
    String phase = source.get().path("status").path("phase").asText("");
    if (!IMPORTABLE_PHASES.contains(phase)) {
      throw new TransshipException(address + ": backup phase is '" + phase
          + "'; only Completed or PartiallyFailed backups can be converted");
    }
  }

  /**
   * The Backup resource for a copy named {@code name} of {@code source} (or of a bare tarball when
   * empty), holding {@code items} items.
   */
  public static ObjectNode forCopy(Optional<ObjectNode> source, String sourceName, String name, long items, Instant now) {
    ObjectNode backup = source.map(ObjectNode::deepCopy).orElseGet(BackupResource::blank);
    ObjectNode metadata = KubeObject.objectAt(backup, "metadata");
    for (String field : new String[] {"uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "selfLink"}) {
      metadata.remove(field);
    }
    metadata.put("name", name);
    if (!metadata.has("namespace")) {
      metadata.put("namespace", "velero");
    }
    // A copy is not a Schedule's backup: restore --from-schedule must not pick it.
    if (metadata.path("labels") instanceof ObjectNode labels) {
      labels.remove("velero.io/schedule-name");
    }
    if (metadata.path("ownerReferences") instanceof ArrayNode owners) {
      for (int i = owners.size() - 1; i >= 0; i--) {
        if ("Schedule".equals(owners.get(i).path("kind").asText())) {
          owners.remove(i);
        }
      }
      if (owners.isEmpty()) {
        metadata.remove("ownerReferences");
      }
    }
    KubeObject.objectAt(metadata, "annotations").put(SOURCE_BACKUP_ANNOTATION, sourceName);

    ObjectNode status = KubeObject.objectAt(backup, "status");
    String phase = status.path("phase").asText("");
    status.put("phase", "PartiallyFailed".equals(phase) ? "PartiallyFailed" : "Completed");
    status.put("formatVersion", VeleroLayout.FORMAT_VERSION);
    status.put("version", 1);
    JsonNode expiration = status.get("expiration");
    if (expiration != null && parse(expiration.asText()).map(t -> !t.isAfter(now)).orElse(true)) {
      // Past expiration would make Velero's GC delete the copy right after import.
      status.remove("expiration");
    }
    String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
    if (!status.has("startTimestamp")) {
      status.put("startTimestamp", stamp);
    }
    status.put("completionTimestamp", stamp);
    ObjectNode progress = status.putObject("progress");
    progress.put("totalItems", items);
    progress.put("itemsBackedUp", items);
    return backup;
  }

  private static ObjectNode blank() {
    ObjectNode backup = Json.object();
    backup.put("apiVersion", "velero.io/v1");
    backup.put("kind", "Backup");
    backup.putObject("metadata").put("namespace", "velero");
    backup.putObject("spec");
    return backup;
  }

  private static Optional<Instant> parse(String timestamp) {
    try {
      return Optional.of(Instant.parse(timestamp));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
