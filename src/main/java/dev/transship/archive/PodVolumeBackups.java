package dev.transship.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import java.io.IOException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Rewrites {@code <backup>-podvolumebackups.json.gz} for a copy (velero.md §2.5): new PVB names so
 * they do not collide with the original's, the {@code velero.io/backup-name} label restore lists
 * them by, and the owner reference name so Velero's sync fixes its UID (left stale, the garbage
 * collector deletes the PVBs).
 */
public final class PodVolumeBackups {
  private PodVolumeBackups() {}

  /**
   * The repository prefixes below the location root that hold the data of these pod volume backups,
   * such as {@code kopia/shop/}: Velero keeps one repository per uploader type and volume namespace,
   * shared by every backup of that namespace (velero.md §2.5). Entries without a snapshot id have no
   * data (a failed or skipped volume).
   */
  public static SortedSet<String> repositoryPrefixes(BackupSource source) throws TransshipException {
    Optional<byte[]> file = source.sideFile(VeleroLayout.PODVOLUMEBACKUPS_SUFFIX);
    return file.isEmpty() ? new TreeSet<>()
        : repositoryPrefixes(file.get(), source.address() + "/" + source.name() + VeleroLayout.PODVOLUMEBACKUPS_SUFFIX);
  }

  static SortedSet<String> repositoryPrefixes(byte[] gzipped, String where) throws TransshipException {
    SortedSet<String> prefixes = new TreeSet<>();
    for (JsonNode pvb : parse(gzipped, where)) {
      String snapshot = pvb.path("status").path("snapshotID").asText("");
      String namespace = pvb.path("spec").path("pod").path("namespace").asText("");
      if (snapshot.isEmpty() || namespace.isEmpty()) {
        continue;
      }
      // PodVolumeBackups from before Velero 1.10 have no uploaderType: they were all restic.
      String type = pvb.path("spec").path("uploaderType").asText("");
      prefixes.add((type.isEmpty() ? "restic" : type) + "/" + namespace + "/");
    }
    return prefixes;
  }

  public static byte[] renameForCopy(byte[] gzipped, String where, String oldName, String newName) throws TransshipException {
    ArrayNode array = parse(gzipped, where);
    if (array.isEmpty()) {
      return gzipped;
    }
    for (JsonNode node : array) {
      ObjectNode pvb = (ObjectNode) node;
      if (!(pvb.path("metadata") instanceof ObjectNode)) {
        throw new TransshipException(where + ": holds a PodVolumeBackup without metadata");
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

  private static ArrayNode parse(byte[] gzipped, String where) throws TransshipException {
    JsonNode list;
    try {
      list = Json.parse(Gzip.decompress(gzipped));
    } catch (IOException e) {
      throw new TransshipException(where + ": not a gzipped JSON list of PodVolumeBackups (" + e.getMessage() + ")");
    }
    if (list == null || list.isNull()) {
      // Velero's encoder writes a backup without pod volume backups as `null` (a nil Go slice).
      return Json.MAPPER.createArrayNode();
    }
    if (!(list instanceof ArrayNode array)) {
      throw new TransshipException(where + ": not a JSON list of PodVolumeBackups");
    }
    for (JsonNode node : array) {
      if (!(node instanceof ObjectNode)) {
        throw new TransshipException(where + ": holds an entry that is not a PodVolumeBackup object");
      }
    }
    return array;
  }
}
