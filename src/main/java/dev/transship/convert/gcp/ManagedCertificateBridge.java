package dev.transship.convert.gcp;

import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.ArrayList;
import java.util.List;

/**
 * Google-managed certificates in a project move (cloud-mapping.md §5.2). They cannot be exported,
 * and the new project's ManagedCertificate only turns Active once DNS points at the new load
 * balancer: HTTPS is down in between unless a bridging certificate is served. The old project's
 * {@code mcrt-*} certificates are removed from {@code pre-shared-cert}; with {@code bridgeCertName}
 * the bridge is added there and marked for the restore plan's gates.
 */
public final class ManagedCertificateBridge implements ObjectAction {
  static final String PRE_SHARED = "ingress.gcp.kubernetes.io/pre-shared-cert";
  public static final String BRIDGE_ANNOTATION = "transship.dev/bridge-certificate";

  private final String bridge;

  ManagedCertificateBridge(String bridge) {
    this.bridge = bridge == null ? "" : bridge.trim();
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if ("ManagedCertificate".equals(object.kind())) {
      ctx.warn("mcrt-bridge-needed", "Google-managed certificate for " + object.node().path("spec").path("domains")
          + " cannot be exported: the new project serves no valid certificate for these domains until DNS moves and the new one is Active",
          bridge.isEmpty() ? "set bridgeCertName to serve an uploaded certificate meanwhile" : "bridged by " + bridge);
      return;
    }
    if (!"Ingress".equals(object.kind())) {
      return;
    }
    String preShared = object.annotation(PRE_SHARED);
    List<String> kept = new ArrayList<>();
    if (preShared != null) {
      for (String cert : preShared.split(",")) {
        String name = cert.trim();
        if (name.startsWith("mcrt-")) {
          ctx.info("mcrt-removed", "removed " + name + " from pre-shared-cert: a Google-managed certificate of the old project");
        } else if (!name.isEmpty()) {
          kept.add(name);
          ctx.warn("pre-shared-cert-reupload", "pre-shared certificate " + name + " must be uploaded in the new project", "");
        }
      }
    }
    boolean managed = object.annotation("networking.gke.io/managed-certificates") != null;
    if (managed && !bridge.isEmpty()) {
      if (!kept.contains(bridge)) {
        kept.add(bridge);
      }
      object.setAnnotation(BRIDGE_ANNOTATION, bridge);
      ctx.info("mcrt-bridge", "added bridging certificate " + bridge + " to pre-shared-cert until the managed certificate is Active");
    } else if (managed) {
      ctx.warn("mcrt-bridge-needed", "HTTPS gap: the managed certificates " + object.annotation("networking.gke.io/managed-certificates")
          + " provision only after DNS points at the new load balancer", "set bridgeCertName to bridge the gap");
    }
    if (kept.isEmpty()) {
      object.removeAnnotation(PRE_SHARED);
    } else {
      object.setAnnotation(PRE_SHARED, String.join(",", kept));
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "managedCertificateBridge",
      "GKE project move: remove the old project's mcrt-* certificates from pre-shared-cert, report every Google-managed "
          + "certificate (not exportable: HTTPS gap until DNS moves), and add a bridging certificate the restore plan gates on.",
      List.of(ParameterDoc.optional("bridgeCertName", "string", "self-managed SSL certificate in the new project that serves the old domains meanwhile")),
      "- convert: managedCertificateBridge\n  with: {bridgeCertName: store-bridge}",
      config -> new ManagedCertificateBridge(config.string("bridgeCertName", "")));
}
