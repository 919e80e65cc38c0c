package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import dev.transship.lint.Target;

/** PVCs and claim templates asking for AWS storage classes GKE does not have (Velero #1356). */
public final class StorageClassCheck implements Check {
  /** EBS and EFS storage classes as EKS clusters name them; GKE has none of them. */
  private static final java.util.Set<String> AWS_CLASSES = java.util.Set.of("gp2", "gp3", "io1", "io2", "st1", "sc1", "efs-sc", "auto-ebs-sc");

  static final CheckInfo INFO = new CheckInfo("aws-storage-class", Severity.ERROR, "Storage class does not exist on the target",
      "A PVC that asks for gp2, gp3 or another AWS class stays Pending on GKE and its pod never starts.",
      "Map the classes (storageClassMap, e.g. gp2 -> standard-rwo).");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE) {
      return;
    }
    if ("PersistentVolumeClaim".equals(object.kind())) {
      String cls = object.node().path("spec").path("storageClassName").asText("");
      if (AWS_CLASSES.contains(cls)) {
        ctx.report(INFO, ObjectRef.of(object, key), "storage class " + cls + " does not exist on GKE");
      }
    } else if ("StatefulSet".equals(object.kind())) {
      for (JsonNode t : object.node().path("spec").path("volumeClaimTemplates")) {
        String cls = t.path("spec").path("storageClassName").asText("");
        if (AWS_CLASSES.contains(cls)) {
          ctx.report(INFO, ObjectRef.of(object, key), "volume claim template " + t.path("metadata").path("name").asText() + " asks for " + cls);
        }
      }
    }
  }
}
