package dev.transship.convert.finalizers;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoveControllerFinalizersTest {
  private static ObjectAction converter(String with) {
    return RemoveControllerFinalizers.SPEC.create(new ConverterConfig(yaml(with)));
  }

  private static ActionContext run(String with, String kind, String... finalizers) throws Exception {
    String object = "apiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: x\n  namespace: shop\n  finalizers: ["
        + String.join(", ", finalizers) + "]\n";
    return Actions.apply(converter(with), yaml(object));
  }

  @Test
  void stripsAwsControllerFinalizersForGkeNamingTheController() throws Exception {
    ActionContext ctx = run("{}", "Service", "service.k8s.aws/resources");

    assertEquals(List.of(), ctx.object().finalizers());
    assertFalse(ctx.object().node().path("metadata").has("finalizers"));
    Finding finding = ctx.findings().get(0);
    assertEquals(Severity.INFO, finding.severity());
    assertEquals("finalizer-removed", finding.check());
    assertTrue(finding.message().contains("service.k8s.aws/resources"), finding.message());
    assertTrue(finding.message().contains("AWS Load Balancer Controller"), finding.message());
    assertTrue(finding.message().contains("GKE does not run"), finding.message());
  }

  @Test
  void stripsEveryCatalogueFamilyAndReportsEachOne() throws Exception {
    ActionContext ctx = run("{target: gke}", "Ingress",
        "ingress.k8s.aws/resources", "group.ingress.k8s.aws/shop-public", "finalizers.appmesh.k8s.aws/aws-resources",
        "karpenter.sh/termination", "karpenter.k8s.aws/termination", "finalizers.s3.services.k8s.aws/Bucket",
        "external-attacher/ebs-csi-aws-com", "elbv2.k8s.aws/resources", "service.kubernetes.io/load-balancer-cleanup");

    assertEquals(List.of(), ctx.object().finalizers());
    assertEquals(9, ctx.findings().size());
    assertTrue(ctx.findings().get(2).message().contains("App Mesh"));
    assertTrue(ctx.findings().get(5).message().contains("ACK"));
    assertTrue(ctx.findings().get(6).message().contains("EBS CSI"));
  }

  @Test
  void keepsCoreKubernetesFinalizersAndUnknownOnes() throws Exception {
    ActionContext ctx = run("{extra: ['*']}", "PersistentVolume",
        "kubernetes.io/pv-protection", "external-attacher/ebs-csi-aws-com", "foregroundDeletion");
    assertEquals(List.of("kubernetes.io/pv-protection", "foregroundDeletion"), ctx.object().finalizers());
    assertEquals(1, ctx.findings().size());

    ActionContext unknown = run("{}", "ConfigMap", "example.com/cleanup", "kubernetes.io/pvc-protection");
    assertEquals(List.of("example.com/cleanup", "kubernetes.io/pvc-protection"), unknown.object().finalizers());
    assertEquals(List.of(), unknown.findings());
  }

  @Test
  void stripsGkeFinalizersForAProjectMoveAsReAddedByGke() throws Exception {
    ActionContext ctx = run("{target: gke}", "Ingress", "networking.gke.io/ingress-finalizer-V2", "gke.networking.io/l4-ilb-v2",
        "external-attacher/pd-csi-storage-gke-io");
    assertEquals(List.of(), ctx.object().finalizers());
    assertTrue(ctx.findings().get(0).message().contains("ingress-gce"));
    assertTrue(ctx.findings().get(0).message().contains("re-adds it"), ctx.findings().get(0).message());
  }

  @Test
  void theTargetDecidesWhichControllersAreAbsent() throws Exception {
    ActionContext eks = run("{target: eks}", "Ingress", "ingress.k8s.aws/resources", "networking.gke.io/ingress-finalizer-V2");
    assertEquals(List.of(), eks.object().finalizers());
    assertTrue(eks.findings().get(0).message().contains("re-adds it"), eks.findings().get(0).message());
    assertTrue(eks.findings().get(1).message().contains("EKS does not run"), eks.findings().get(1).message());

    ActionContext same = run("{target: same}", "Ingress", "ingress.k8s.aws/resources");
    assertTrue(same.findings().get(0).message().contains("re-adds it"));
  }

  @Test
  void extraPatternsRemoveMoreFinalizers() throws Exception {
    ActionContext ctx = run("{extra: ['example.com/*', 'exact.io/one']}", "ConfigMap",
        "example.com/a/b", "exact.io/one", "exact.io/two");
    assertEquals(List.of("exact.io/two"), ctx.object().finalizers());
    assertTrue(ctx.findings().get(0).message().contains("extra pattern 'example.com/*'"));
  }

  @Test
  void objectsWithoutFinalizersAreUntouched() throws Exception {
    var object = yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: shop}\n");
    ActionContext ctx = Actions.apply(converter("{}"), object);
    assertEquals(object, ctx.object().node());
    assertEquals(List.of(), ctx.findings());
  }

  @Test
  void rejectsUnusableParameters() {
    assertThrows(IllegalArgumentException.class, () -> converter("{target: aks}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{extra: 'a/*'}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{extra: ['']}"));
  }
}
