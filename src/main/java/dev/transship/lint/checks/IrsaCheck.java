package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;

/** IRSA service accounts lose their cloud identity outside the EKS cluster's OIDC issuer (Velero #5037). */
public final class IrsaCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("irsa-service-account", Severity.ERROR, "ServiceAccount uses IAM Roles for Service Accounts",
      "The role trusts the source cluster's OIDC issuer: in another cluster the pods get no AWS credentials, and GKE needs Workload Identity instead.",
      "Map the role to a Google service account (irsaToWorkloadIdentity) or add the new cluster's issuer to the role's trust policy.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (!"ServiceAccount".equals(object.kind()) || object.annotation("eks.amazonaws.com/role-arn") == null) {
      return;
    }
    String arn = object.annotation("eks.amazonaws.com/role-arn");
    if (ctx.options().target() == Target.GKE) {
      ctx.report(INFO, ObjectRef.of(object, key), "IAM role " + arn + " has no meaning on GKE");
    } else {
      ctx.report(new CheckInfo(INFO.id(), Severity.WARNING, INFO.title(), INFO.why(), INFO.fix()), ObjectRef.of(object, key),
          "IAM role " + arn + " must trust the new cluster's OIDC issuer");
    }
  }
}
