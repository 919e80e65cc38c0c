package dev.transship.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.transship.TransshipException;
import org.junit.jupiter.api.Test;

/** {@code velero://CONTEXT/BACKUP[?namespace=NS]}: a Backup read through a cluster's Velero API. */
class ClusterBackupAddressTest {
  @Test
  void readsContextBackupAndNamespace() throws Exception {
    assertEquals(new BackupAddress.InCluster("prod", "nightly", "velero"), BackupAddress.parse("velero://prod/nightly"));
    assertEquals(new BackupAddress.InCluster("prod", "nightly", "backup-system"),
        BackupAddress.parse("velero://prod/nightly/?namespace=backup-system"));
    assertEquals("velero://prod/nightly?namespace=backup-system", BackupAddress.parse("velero://prod/nightly?namespace=backup-system").toString());
  }

  @Test
  void takesAContextNamedByAnEksClusterArn() throws Exception {
    assertEquals(new BackupAddress.InCluster("arn:aws:eks:eu-west-1:123456789012:cluster/shop", "nightly", "velero"),
        BackupAddress.parse("velero://arn:aws:eks:eu-west-1:123456789012:cluster/shop/nightly"));
  }

  @Test
  void refusesAnAddressWithoutABackupOrWithAnInvalidName() {
    assertEquals("velero://prod: expected velero://CONTEXT/BACKUP[?namespace=NS]",
        assertThrows(TransshipException.class, () -> BackupAddress.parse("velero://prod")).getMessage());
    assertThrows(TransshipException.class, () -> BackupAddress.parse("velero://prod/Nightly"));
    assertThrows(TransshipException.class, () -> BackupAddress.parse("velero://prod/nightly?namespace=a.b"));
    assertThrows(TransshipException.class, () -> BackupAddress.parse("velero://prod/nightly?ns=velero"));
  }
}
