package dev.transship.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import java.io.IOException;

/**
 * Rewrites {@code <backup>-podvolumebackups.json.gz} for a copy (velero.md §2.5): new PVB names so
 * they do not collide with the original's, the {@code velero.io/backup-name} label restore lists
 * them by, and the owner reference name so Velero's sync fixes its UID (left stale, the garbage
 * collector deletes the PVBs).
 */
public final class PodVolumeBackups {
  private PodVolumeBackups() {}

  public static byte[] renameForCopy(byte[] gzipped, String where, String oldName, String newName) throws TransshipException {
    JsonNode list;
    try {
      list = Json.parse(Gzip.decompress(gzipped));
    } catch (IOException e) {
      throw new TransshipException(where + ": not a gzipped JSON list of PodVolumeBackups (" + e.getMessage() + ")");
    }
    if (list == null || list.isNull()) {
      // Velero's encoder writes a backup without pod volume backups as `null` (a nil Go slice).
      return gzipped;
    }
    if (!(list instanceof ArrayNode array)) {
      throw new TransshipException(where + ": not a JSON list of PodVolumeBackups");
    }
    for (JsonNode node : array) {
      if (!(node instanceof ObjectNode pvb)) {
        throw new TransshipException(where + ": holds an entry that is not a PodVolumeBackup object");
      }
      ObjectNode metadata = (ObjectNode) pvb.path("metadata");
      String pvbName = metadata.path("name").asText();
      String renamed = pvbName.startsWith(oldName) ? newName + pvbName.substring(oldName.length()) : newName + "-" + pvbName;
      if (renamed.length() > 253) {
        throw new TransshipException(where + ": PodVolumeBackup '" + pvbName + "' would get a name over 253 characters; choose a shorter backup name");
      }
      metadata.put("name", renamed);
      metadata.remove("resourceVersion");
      metadata.remove("uid");
      metadata.remove("creationTimestamp");
      metadata.remove("managedFields");
      if (metadata.path("labels") instanceof ObjectNode labels) {
        labels.put("velero.io/backup-name", newName);
      }
      for (JsonNode owner : metadata.path("ownerReferences")) {
        if ("Backup".equals(owner.path("kind").asText()) && owner instanceof ObjectNode ownerObject) {
          ownerObject.put("name", newName);
        }
      }
    }
    return Gzip.compress(Json.bytes(array));
  }
}
