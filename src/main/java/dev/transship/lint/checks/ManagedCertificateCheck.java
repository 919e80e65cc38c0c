package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;

/** Google-managed certificates cannot be exported: a move has an HTTPS gap until DNS moves. */
public final class ManagedCertificateCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("managed-certificate-export", Severity.WARNING, "Google-managed certificate cannot move",
      "Google-managed certificates cannot be exported. In another project or cluster a new one provisions only after DNS points at the "
          + "new load balancer, so HTTPS fails for the old domains in between; mcrt-* names in pre-shared-cert refer to the old project.",
      "Serve a bridging certificate (rules/gke-project-move.yaml, bridgeCertName) and follow the plan's DNS gates.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE) {
      return;
    }
    if ("ManagedCertificate".equals(object.kind())) {
      ctx.report(INFO, ObjectRef.of(object, key), "managed certificate for " + object.node().path("spec").path("domains") + " is re-provisioned, not moved");
    } else if ("Ingress".equals(object.kind())) {
      String preShared = object.annotation("ingress.gcp.kubernetes.io/pre-shared-cert");
      if (preShared != null && preShared.contains("mcrt-")) {
        ctx.report(INFO, ObjectRef.of(object, key), "pre-shared-cert names Google-managed certificates of the source project (" + preShared + ")");
      }
    }
  }
}
