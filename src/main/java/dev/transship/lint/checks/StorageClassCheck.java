package dev.transship.lint.checks;

import dev.transship.archive.ItemKey;
import dev.transship.cloud.AwsStorage;
import dev.transship.cloud.Target;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PVCs and claim templates (a StatefulSet's, and the generic ephemeral volumes of any pod spec, as
 * {@link ClaimTemplates} finds them for the storage converter too) asking for storage classes GKE
 * does not have (Velero #1356): the names EKS clusters use, and any class the backup itself
 * defines with an AWS provisioner. Classes are only known once the whole backup is seen, so claims
 * are judged at the end.
 */
public final class StorageClassCheck implements Check {

  static final CheckInfo INFO = new CheckInfo("aws-storage-class", Severity.ERROR, "Storage class does not exist on the target",
      "A PVC, StatefulSet claim template or generic ephemeral volume that asks for gp2, gp3 or another AWS class stays Pending "
          + "on GKE and its pod never starts.",
      "Map the classes (storageClassMap, e.g. gp2 -> standard-rwo).");

  /** {@code template} describes the claim template ("volume claim template data"), null for a PVC. */
  private record Claim(ObjectRef ref, String storageClass, String template) {}

  private final Set<String> awsClasses = new HashSet<>(AwsStorage.EKS_CLASS_NAMES);
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
      case "StorageClass" -> {
        if (AwsStorage.awsProvisioner(object.node().path("provisioner").asText())) {
          awsClasses.add(object.name());
        }
      }
      case "PersistentVolumeClaim" -> {
        String cls = ClaimClass.of(object.node());
        if (!cls.isEmpty()) {
          claims.add(new Claim(ObjectRef.of(object, key), cls, null));
        }
      }
      default -> {
        for (ClaimTemplate t : ClaimTemplates.in(object)) {
          String cls = ClaimClass.of(t.template());
          if (!cls.isEmpty()) {
            claims.add(new Claim(ObjectRef.of(object, key), cls, t.describe()));
          }
        }
      }
    }
  }

  @Override
  public void finish(LintContext ctx) {
    for (Claim c : claims) {
      if (awsClasses.contains(c.storageClass())) {
        ctx.report(INFO, c.ref(), c.template() == null
            ? "storage class " + c.storageClass() + " does not exist on GKE"
            : c.template() + " asks for " + c.storageClass() + ", which does not exist on GKE");
      }
    }
  }
}
