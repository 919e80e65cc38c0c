package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.convert.upgrade.OwnAwsNames;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;

/** App Mesh meshes keep their AWS names: two clusters drive the same AWS mesh objects. */
public final class AppMeshNameCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("appmesh-mesh-name", Severity.WARNING, "App Mesh name collides across clusters",
      "Mesh and virtual node AWS names default to the object names and are immutable; the old and the new cluster would both drive the "
          + "same AWS App Mesh objects and Cloud Map instances.",
      "Rename the mesh for the new cluster (renameAppMesh in rules/eks-upgrade.yaml).");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() == Target.GKE || !"Mesh".equals(object.kind()) || !"appmesh.k8s.aws".equals(object.group())) {
      return;
    }
    String awsName = object.node().path("spec").path("awsName").asText(object.name());
    if (OwnAwsNames.owns(object, awsName)) {
      return; // renamed for this cluster by eks-upgrade
    }
    ctx.report(INFO, ObjectRef.of(object, key), "mesh " + awsName + " would be shared by the source and the target cluster");
  }
}
