package dev.transship.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PodVolumeBackupsTest {
  private static byte[] gz(String json) throws Exception {
    return Gzip.compress(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBackupWithoutPodVolumeBackupsIsNullAsRealVeleroWritesIt() throws Exception {
    byte[] none = gz("null\n");
    assertArrayEquals(none, PodVolumeBackups.renameForCopy(none, "pvb.json.gz", "nightly", "copy"));
  }

  @Test
  void renamesNameLabelAndOwnerForTheCopy() throws Exception {
    byte[] in = gz("[{\"metadata\":{\"name\":\"nightly-x7k2\",\"uid\":\"u\",\"labels\":{\"velero.io/backup-name\":\"nightly\"},"
        + "\"ownerReferences\":[{\"kind\":\"Backup\",\"name\":\"nightly\",\"uid\":\"old\"}]}}]");
    JsonNode pvb = Json.parse(Gzip.decompress(PodVolumeBackups.renameForCopy(in, "pvb.json.gz", "nightly", "copy"))).get(0);
    assertEquals("copy-x7k2", pvb.at("/metadata/name").asText());
    assertEquals("copy", pvb.at("/metadata/labels/velero.io~1backup-name").asText());
    assertEquals("copy", pvb.at("/metadata/ownerReferences/0/name").asText());
    assertEquals(true, pvb.at("/metadata/uid").isMissingNode());
  }

  @Test
  void anObjectWhereAListBelongsIsAnError() throws Exception {
    assertThrows(TransshipException.class, () -> PodVolumeBackups.renameForCopy(gz("{}"), "pvb.json.gz", "a", "b"));
  }
}
