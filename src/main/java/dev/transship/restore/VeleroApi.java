package dev.transship.restore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Set;

/** The parts of Velero's API ({@code velero.io/v1}) the restore drives, as velero.md §2.3, §2.4 and §3 describe them. */
final class VeleroApi {
  static final String GROUP = "velero.io";
  static final String API_VERSION = "velero.io/v1";

  static final ResourceDefinitionContext RESTORES = context("Restore", "restores");
  static final ResourceDefinitionContext BACKUPS = context("Backup", "backups");
  static final ResourceDefinitionContext DOWNLOAD_REQUESTS = context("DownloadRequest", "downloadrequests");
  static final ResourceDefinitionContext STORAGE_LOCATIONS = context("BackupStorageLocation", "backupstoragelocations");
  static final ResourceDefinitionContext POD_VOLUME_BACKUPS = context("PodVolumeBackup", "podvolumebackups");

  /** Resources the restore cannot run without; discovery of {@code velero.io/v1} must list them. */
  static final Set<String> REQUIRED_RESOURCES = Set.of("restores", "backups", "downloadrequests");

  /** Restore phases after which Velero never touches the Restore again (§3.2). */
  static final Set<String> TERMINAL_PHASES = Set.of("Completed", "PartiallyFailed", "Failed", "FailedValidation");

  /** The phase Velero sets on a DownloadRequest once {@code status.downloadURL} is signed. */
  static final String DOWNLOAD_PROCESSED = "Processed";

  /** Label Velero puts on every object a Restore created. */
  static final String RESTORE_NAME_LABEL = "velero.io/restore-name";

  /** Label Velero puts on every PodVolumeBackup of a Backup. */
  static final String BACKUP_NAME_LABEL = "velero.io/backup-name";

  private VeleroApi() {}

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion("v1").withKind(kind).withPlural(plural)
        .withNamespaced(true).build();
  }

  /** The resource as JSON, for reading nested fields. */
  static JsonNode json(GenericKubernetesResource resource) {
    return resource == null ? Json.object() : Json.MAPPER.valueToTree(resource);
  }

  /** A resource built as JSON, for the client. */
  static GenericKubernetesResource resource(ObjectNode object) {
    return typed(object, GenericKubernetesResource.class);
  }

  /** A JSON object as a typed fabric8 model object. */
  static <T> T typed(ObjectNode object, Class<T> type) {
    try {
      return Json.MAPPER.treeToValue(object, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
