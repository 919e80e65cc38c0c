package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.Target;
import dev.transship.convert.upgrade.AwsAuth;
import dev.transship.convert.upgrade.KarpenterNodeClasses;
import dev.transship.convert.upgrade.OwnAwsNames;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;

/**
 * Objects that belong to the old EKS cluster and do harm restored into a new one (cloud-mapping.md
 * §9: KARP-CLAIM, ACK-ADOPT, MESH-REF, and the aws-auth ConfigMap of §8). On GKE these are
 * aws-only-resource's findings.
 */
public final class EksClusterBoundCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("eks-cluster-bound", Severity.ERROR, "Object bound to the old EKS cluster",
      "Restored into a new EKS cluster, a Karpenter NodeClaim launches an instance for the old cluster, an ACK resource makes the new "
          + "controller adopt or re-create the AWS resource the old one still manages, an App Mesh object that sets meshRef is refused by "
          + "the webhook, the aws-auth ConfigMap replaces the new cluster's node role mappings so nodes cannot join, and a Karpenter node "
          + "class tagged for the old cluster (with --source-cluster-name) launches nodes into the old cluster's subnets and security groups.",
      "Exclude NodeClaims; rewrite aws-auth's node roles and node classes' role and discovery tags (retargetClusterIdentity in "
          + "rules/eks-upgrade.yaml) or exclude aws-auth; adopt ACK resources explicitly (set services.k8s.aws/deletion-policy: retain on "
          + "the old side first); strip meshRef (renameAppMesh in rules/eks-upgrade.yaml).");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() == Target.GKE) {
      return;
    }
    String message = message(object, ctx.options().sourceClusterName());
    if (message != null) {
      ctx.report(INFO, ObjectRef.of(object, key), message);
    }
  }

  private static String message(KubeObject object, String sourceCluster) {
    String group = object.group();
    if (KarpenterNodeClasses.isNodeClass(object) && sourceCluster != null && KarpenterNodeClasses.clusterNames(object).contains(sourceCluster)) {
      return object.kind() + " selects subnets and security groups by the old cluster's tags (" + sourceCluster
          + "): the new cluster's nodes would launch into the old cluster's network";
    }
    if ("karpenter.sh".equals(group) && "NodeClaim".equals(object.kind())) {
      return "NodeClaim of the old cluster: restored, Karpenter launches an instance for it";
    }
    if (group.endsWith(".services.k8s.aws")) {
      return object.kind() + " managed by ACK: the new cluster's controller adopts or re-creates the AWS resource the old one still manages";
    }
    if ("appmesh.k8s.aws".equals(group) && object.node().path("spec").has("meshRef")) {
      return object.kind() + " sets spec.meshRef (with the old mesh's uid): the App Mesh webhook refuses to create it";
    }
    if (AwsAuth.isAwsAuth(object) && !rewrittenForNewCluster(object)) {
      return "aws-auth replaces the new cluster's node role and user mappings: its nodes could not join";
    }
    return null;
  }

  /** An aws-auth whose node roles eks-upgrade (retargetClusterIdentity) all replaced with the new cluster's. */
  private static boolean rewrittenForNewCluster(KubeObject awsAuth) {
    var roles = AwsAuth.nodeRoles(awsAuth);
    return !roles.isEmpty() && roles.stream().allMatch(r -> OwnAwsNames.owns(awsAuth, r));
  }
}
