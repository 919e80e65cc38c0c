package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.cloud.EcrHosts;
import dev.transship.cloud.Target;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplates;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.LinkedHashSet;
import java.util.Set;

/** Private ECR images on GKE: nodes cannot pull them without AWS credentials. */
public final class EcrImageCheck implements Check {
  static final CheckInfo INFO = new CheckInfo("ecr-image", Severity.ERROR, "ECR image with no pull path on the target",
      "GKE nodes have no AWS credentials, and copied ECR pull secrets hold tokens that expired 12 hours after they were minted.",
      "Copy the images to Artifact Registry and rewrite them (ecrToRegistry), or mint ECR pull secrets at restore time.");

  @Override
  public CheckInfo info() {
    return INFO;
  }

  @Override
  public void inspect(ItemKey key, KubeObject object, LintContext ctx) {
    if (ctx.options().target() != Target.GKE) {
      return;
    }
    Set<String> images = new LinkedHashSet<>();
    Set<String> eksSystem = new LinkedHashSet<>();
    for (ObjectNode container : PodTemplates.containerNodes(object)) {
      String image = container.path("image").asText("");
      String host = EcrHosts.privateHostOfImage(image);
      if (host != null) {
        (EcrHosts.awsSystem(host) ? eksSystem : images).add(image);
      }
    }
    if (!images.isEmpty()) {
      ctx.report(INFO, ObjectRef.of(object, key), "pulls private ECR images: " + String.join(", ", images));
    } else if (!eksSystem.isEmpty()) {
      ctx.report(INFO, ObjectRef.of(object, key), "runs EKS's own add-on images (" + String.join(", ", eksSystem) + ")",
          "Do not migrate EKS system components: exclude this workload from the restore; GKE runs its own equivalents.");
    }
  }
}
