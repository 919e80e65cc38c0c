package dev.transship.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;

/**
 * The Velero {@code Restore} of one stage: the converted backup, only the objects stamped with the
 * stage's label, cluster-scoped ones included (the label selector keeps them to the stage), and
 * existing objects left alone.
 */
final class StageRestore {
  private StageRestore() {}

  static ObjectNode of(String backupName, String stage, String veleroNamespace) {
    ObjectNode restore = Json.object();
    restore.put("apiVersion", "velero.io/v1");
    restore.put("kind", "Restore");
    ObjectNode metadata = restore.putObject("metadata");
    metadata.put("name", RestoreNames.of(backupName, stage));
    metadata.put("namespace", veleroNamespace);
    metadata.putObject("labels").put(StageAssignment.STAGE_LABEL, stage);
    ObjectNode spec = restore.putObject("spec");
    spec.put("backupName", backupName);
    spec.putObject("labelSelector").putObject("matchLabels").put(StageAssignment.STAGE_LABEL, stage);
    spec.put("includeClusterResources", true);
    spec.put("existingResourcePolicy", "none");
    return restore;
  }
}
