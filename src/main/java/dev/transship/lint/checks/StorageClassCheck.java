package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.cloud.AwsStorage;
import dev.transship.cloud.Target;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import dev.transship.lint.LintContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PVCs and claim templates asking for storage classes GKE does not have (Velero #1356): the names
 * EKS clusters use, and any class the backup itself defines with an AWS provisioner. Classes are
 * only known once the whole backup is seen, so claims are judged at the end.
 */
public final class StorageClassCheck implements Check {
  private static final String LEGACY_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

  static final CheckInfo INFO = new CheckInfo("aws-storage-class", Severity.ERROR, "Storage class does not exist on the target",
      "A PVC that asks for gp2, gp3 or another AWS class stays Pending on GKE and its pod never starts.",
      "Map the classes (storageClassMap, e.g. gp2 -> standard-rwo).");

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
        String cls = className(object.node().path("spec"), object.annotation(LEGACY_CLASS_ANNOTATION));
        if (!cls.isEmpty()) {
          claims.add(new Claim(ObjectRef.of(object, key), cls, null));
        }
      }
      case "StatefulSet" -> {
        for (JsonNode t : object.node().path("spec").path("volumeClaimTemplates")) {
          String cls = className(t.path("spec"), t.path("metadata").path("annotations").path(LEGACY_CLASS_ANNOTATION).asText(null));
          if (!cls.isEmpty()) {
            claims.add(new Claim(ObjectRef.of(object, key), cls, t.path("metadata").path("name").asText()));
          }
        }
      }
      default -> { }
    }
  }

  @Override
  public void finish(LintContext ctx) {
    for (Claim c : claims) {
      if (awsClasses.contains(c.storageClass())) {
        ctx.report(INFO, c.ref(), c.template() == null
            ? "storage class " + c.storageClass() + " does not exist on GKE"
            : "volume claim template " + c.template() + " asks for " + c.storageClass() + ", which does not exist on GKE");
      }
    }
  }

  private static String className(JsonNode claimSpec, String legacyAnnotation) {
    String cls = claimSpec.path("storageClassName").asText("");
    return cls.isEmpty() && legacyAnnotation != null ? legacyAnnotation : cls;
  }
}
