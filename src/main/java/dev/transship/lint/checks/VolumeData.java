package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.KubeObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Which PVCs' data travels with the backup: pod volumes named in {@code
 * backup.velero.io/backup-volumes} (file-system backup) and PVCs with a DataUpload (CSI data
 * mover). Velero's native snapshots stay in the source cloud and do not count.
 */
final class VolumeData {
  private final Set<String> backedUpClaims = new HashSet<>();

  /** Records what one object says about volume data. */
  void observe(KubeObject object) {
    if ("Pod".equals(object.kind())) {
      Set<String> listed = new HashSet<>();
      String annotation = object.annotation("backup.velero.io/backup-volumes");
      if (annotation != null) {
        for (String v : annotation.split(",")) {
          listed.add(v.trim());
        }
      }
      for (JsonNode volume : object.node().path("spec").path("volumes")) {
        JsonNode claim = volume.path("persistentVolumeClaim").path("claimName");
        if (claim.isTextual() && listed.contains(volume.path("name").asText())) {
          backedUpClaims.add(object.namespace() + "/" + claim.asText());
        }
      }
    } else if ("DataUpload".equals(object.kind())) {
      JsonNode spec = object.node().path("spec");
      backedUpClaims.add(spec.path("sourceNamespace").asText() + "/" + spec.path("sourcePVC").asText());
    }
  }

  boolean backedUp(String namespace, String claim) {
    return backedUpClaims.contains(namespace + "/" + claim);
  }
}
