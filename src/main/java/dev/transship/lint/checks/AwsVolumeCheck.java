package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.convert.storage.StorageClassMap;
import dev.transship.convert.storage.VolumeDataIndex;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.List;

/** PVs on AWS disks whose data does not travel: on GKE they point at a disk that is not there. */
public final class AwsVolumeCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("aws-volume-without-data", Severity.ERROR, "AWS volume with no data backup",
      "Velero's native snapshots stay in the source cloud. A PV with an EBS or EFS handle and no file-system backup or data mover is "
          + "restored pointing at an AWS disk (Retain) or comes back empty.",
      "Back the volume up with file-system backup or the CSI data mover before the move.");

  private record Volume(ObjectRef ref, String handle, String namespace, String claim) {}

  private VolumeDataIndex volumes;
  private final List<Volume> awsVolumes = new ArrayList<>();

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE) {
      return;
    }
    if (volumes == null) {
      volumes = new VolumeDataIndex(ctx.options().defaultVolumesToFsBackup());
    }
    volumes.add(object);
    if ("PersistentVolume".equals(object.kind())) {
      String handle = StorageClassMap.awsVolume(object);
      if (handle != null) {
        var claim = object.node().path("spec").path("claimRef");
        awsVolumes.add(new Volume(ObjectRef.of(object, key), handle, claim.path("namespace").asText(), claim.path("name").asText()));
      }
    }
  }

  @Override
  public void finish(LintContext ctx) {
    for (Volume v : awsVolumes) {
      if (volumes.travel(v.namespace(), v.claim()).isEmpty()) {
        String failed = volumes.failedUpload(v.namespace(), v.claim()).map(u -> "; " + u + " did not complete").orElse("");
        ctx.report(INFO, v.ref(), v.handle() + (v.claim().isEmpty() ? "" : " (PVC " + v.namespace() + "/" + v.claim() + ")")
            + " has no file-system backup or data mover" + failed);
      }
    }
  }
}
