package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.convert.addons.EcrTokenRefreshers;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;

/**
 * What keeps ECR pull secrets fresh on EKS (cloud-mapping §9 SECRET-ECR-REFRESHER): an External
 * Secrets ECR token generator or a CronJob calling the AWS CLI. On GKE it has no AWS credentials,
 * so the pull secrets it feeds expire within 12 hours of the restore.
 */
public final class EcrTokenRefresherCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("ecr-token-refresher", Severity.WARNING, "ECR token refresher needs AWS credentials",
      "On EKS the refresher gets AWS credentials from the node or IRSA; on GKE it has none, so the pull secrets it renews expire within "
          + "12 hours and pods fail with ImagePullBackOff.",
      "Move the images to Artifact Registry (ecrToRegistry), or give the refresher AWS credentials through Workload Identity Federation.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE) {
      return;
    }
    String message = message(object);
    if (message != null) {
      ctx.report(INFO, ObjectRef.of(object, key), message);
    }
  }

  private static String message(KubeObject object) {
    return EcrTokenRefreshers.describe(object);
  }
}
