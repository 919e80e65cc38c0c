package dev.transship.convert.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.convert.ConverterExamples;
import dev.transship.convert.Converters;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import dev.transship.testing.CrdSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedCertificateBridgeTest {
  private static final ObjectNode INGRESS = Actions.yaml("""
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
        namespace: store
        annotations:
          kubernetes.io/ingress.class: gce
          networking.gke.io/managed-certificates: store-cert
          ingress.gcp.kubernetes.io/pre-shared-cert: "mcrt-3f1c2a9e-6b7d-4c1e-9a55-0d2b7e4f8a11, legacy-wildcard"
      spec:
        rules:
          - host: store.example.com
            http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
      """);

  private static ObjectAction action(String with) {
    return ManagedCertificateBridge.SPEC.create(new ConverterConfig(Actions.yaml(with)));
  }

  private static Finding only(ActionContext ctx, String check) {
    List<Finding> found = ctx.findings().stream().filter(f -> f.check().equals(check)).toList();
    assertEquals(1, found.size(), check + " in " + ctx.findings());
    return found.get(0);
  }

  @Test
  void isRegisteredUnderItsName() {
    assertSame(ManagedCertificateBridge.SPEC, Converters.named("managedCertificateBridge").orElseThrow());
  }

  @Test
  void removesOldManagedCertificateNamesAndWarnsAboutTheHttpsGap() throws Exception {
    ActionContext ctx = Actions.apply(action("{}"), INGRESS);
    assertEquals("legacy-wildcard", ctx.object().annotation(ManagedCertificateBridge.PRE_SHARED_CERT));
    assertEquals("store-cert", ctx.object().annotation(ManagedCertificateBridge.MANAGED_CERTIFICATES));
    assertNull(ctx.object().annotation(ManagedCertificateBridge.BRIDGE_ANNOTATION));
    assertTrue(only(ctx, "mcrt-removed").message().contains("mcrt-3f1c2a9e-6b7d-4c1e-9a55-0d2b7e4f8a11"));
    Finding gap = only(ctx, "mcrt-bridge-needed");
    assertEquals(Severity.WARNING, gap.severity());
    assertTrue(gap.message().contains("store-cert for store.example.com"), gap.message());
    assertTrue(gap.hint().contains("bridgeCertName"), gap.hint());
    Finding upload = only(ctx, "pre-shared-cert-reupload");
    assertEquals(Severity.WARNING, upload.severity());
    assertTrue(upload.message().contains("legacy-wildcard"));
  }

  @Test
  void addsTheBridgeCertificateAndMarksTheIngressForThePlan() throws Exception {
    ActionContext ctx = Actions.apply(action("bridgeCertName: store-bridge"), INGRESS);
    assertEquals("legacy-wildcard,store-bridge", ctx.object().annotation(ManagedCertificateBridge.PRE_SHARED_CERT));
    assertEquals("store-bridge", ctx.object().annotation("transship.dev/bridge-certificate"));
    only(ctx, "mcrt-bridge");
    assertTrue(only(ctx, "mcrt-bridge-needed").hint().contains("upload certificate store-bridge"));
  }

  @Test
  void addsTheBridgeWhenTheIngressHadNoPreSharedCertificates() throws Exception {
    ObjectNode ingress = INGRESS.deepCopy();
    ((ObjectNode) ingress.path("metadata").path("annotations")).remove(ManagedCertificateBridge.PRE_SHARED_CERT);
    ActionContext ctx = Actions.apply(action("bridgeCertName: store-bridge"), ingress);
    assertEquals("store-bridge", ctx.object().annotation(ManagedCertificateBridge.PRE_SHARED_CERT));
  }

  @Test
  void removesTheAnnotationWhenOnlyManagedNamesWereInIt() throws Exception {
    ObjectNode ingress = INGRESS.deepCopy();
    ((ObjectNode) ingress.path("metadata").path("annotations")).put(ManagedCertificateBridge.PRE_SHARED_CERT, "mcrt-1,mcrt-2");
    ActionContext ctx = Actions.apply(action("{}"), ingress);
    assertNull(ctx.object().annotation(ManagedCertificateBridge.PRE_SHARED_CERT));
    assertEquals(2, ctx.findings().stream().filter(f -> f.check().equals("mcrt-removed")).count());
  }

  @Test
  void addsNoBridgeToAnIngressWithoutManagedCertificates() throws Exception {
    ObjectNode ingress = Actions.yaml("""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: api, namespace: store, annotations: {ingress.gcp.kubernetes.io/pre-shared-cert: api-cert}}
        """);
    ActionContext ctx = Actions.apply(action("bridgeCertName: store-bridge"), ingress);
    assertEquals("api-cert", ctx.object().annotation(ManagedCertificateBridge.PRE_SHARED_CERT));
    assertNull(ctx.object().annotation(ManagedCertificateBridge.BRIDGE_ANNOTATION));
    assertEquals(List.of("pre-shared-cert-reupload"), ctx.findings().stream().map(Finding::check).toList());
  }

  @Test
  void keepsAManagedCertificateAsItIsAndWarnsAboutTheGap() throws Exception {
    ObjectNode certificate = Actions.yaml("""
        apiVersion: networking.gke.io/v1
        kind: ManagedCertificate
        metadata: {name: store-cert, namespace: store}
        spec: {domains: [store.example.com, www.store.example.com]}
        status:
          certificateName: mcrt-3f1c2a9e-6b7d-4c1e-9a55-0d2b7e4f8a11
          certificateStatus: Active
        """);
    ActionContext ctx = Actions.apply(action("bridgeCertName: store-bridge"), certificate);
    assertEquals(certificate, ctx.object().node());
    assertTrue(CrdSchemas.errors(CrdSchemas.load(CrdSchemas.gkeCrd("managedcertificates-crd.yaml"), "v1"), ctx.object().node()).isEmpty());
    Finding gap = only(ctx, "mcrt-bridge-needed");
    assertEquals(Severity.WARNING, gap.severity());
    assertTrue(gap.message().contains("store.example.com, www.store.example.com"));
    assertTrue(gap.hint().contains("switch DNS, wait for the ManagedCertificate to become Active"), gap.hint());
  }

  @Test
  void refusesBridgeNamesThatAreNoCertificateNames() {
    assertThrows(IllegalArgumentException.class, () -> action("bridgeCertName: Store_Bridge"));
    assertThrows(IllegalArgumentException.class, () -> action("bridgeCertName: mcrt-bridge"));
  }

  @Test
  void theExampleBuildsAnAction() throws Exception {
    assertTrue(ConverterExamples.build(ManagedCertificateBridge.SPEC) instanceof ManagedCertificateBridge);
  }
}
