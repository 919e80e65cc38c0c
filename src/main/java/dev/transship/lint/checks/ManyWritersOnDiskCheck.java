package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.convert.storage.StorageClassMap;
import dev.transship.convert.storage.VolumeDataIndex;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.ClaimClass;
import dev.transship.kube.ClaimTemplates;
import dev.transship.kube.ClaimTemplates.ClaimTemplate;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims asking for ReadWriteMany on a class that provisions disks: an EBS class of the backup,
 * which maps to a Persistent Disk class, or a GKE disk class already (the converter's error, seen
 * again in a converted backup). Classes are only known once the whole backup is seen.
 */
public final class ManyWritersOnDiskCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("rwx-on-disk", Severity.ERROR, "ReadWriteMany claim on a disk class",
      "A Persistent Disk is mounted read-write by one node; a ReadWriteMany claim on an EBS class (mapped to a Persistent Disk "
          + "class) or on standard-rwo or premium-rwo never binds on GKE, and its pods never start.",
      "Use a Filestore class (standard-rwx, enterprise-rwx) for files shared between nodes, or ReadWriteOnce if one node writes.");

  /** @param template how to name the claim template in a message, or null for a PVC */
  private record Claim(ObjectRef ref, String storageClass, String template) {}

  private final VolumeDataIndex classes = new VolumeDataIndex(false);
  private final List<Claim> claims = new ArrayList<>();

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE) {
      return;
    }
    switch (object.kind()) {
      case "StorageClass" -> classes.add(object);
      case "PersistentVolumeClaim" -> add(ObjectRef.of(object, key), object.node(), null);
      default -> {
        for (ClaimTemplate t : ClaimTemplates.in(object)) { // a StatefulSet's, and ephemeral volumes, as convert sees them
          add(ObjectRef.of(object, key), t.template(), t.describe());
        }
      }
    }
  }

  /** @param claim a PVC or a claim template: its metadata and spec */
  private void add(ObjectRef ref, JsonNode claim, String template) {
    String storageClass = ClaimClass.of(claim);
    if (!storageClass.isEmpty() && StorageClassMap.refusesManyWriters(storageClass, claim.path("spec"))) {
      claims.add(new Claim(ref, storageClass, template));
    }
  }

  @Override
  public void finish(LintContext ctx) {
    for (Claim c : claims) {
      boolean ebs = classes.ebsClass(c.storageClass());
      if (ebs || StorageClassMap.gkeDiskClass(c.storageClass())) {
        ctx.report(INFO, c.ref(), (c.template() == null ? "" : c.template() + ": ")
            + "ReadWriteMany on " + c.storageClass() + (ebs ? ", an EBS class that becomes a Persistent Disk class" : ", a Persistent Disk class")
            + ": the claim never binds on GKE");
      }
    }
  }
}
