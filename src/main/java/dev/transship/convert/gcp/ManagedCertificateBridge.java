package dev.transship.convert.gcp;

import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.ResourceScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code managedCertificateBridge} (GKE -> GKE in another project). Google-managed certificates
 * cannot be exported, and the new project's ManagedCertificate only turns Active once DNS points at
 * the new load balancer, so HTTPS has a gap at cutover unless a self-managed "bridge" certificate
 * for the same domains serves meanwhile (cloud-mapping.md §5.2). Removes the old project's
 * {@code mcrt-*} SslCertificate names from pre-shared-cert (the managed-certificates controller
 * keeps bound names, so they would be carried over and break: §2), warns about the gap on every
 * ManagedCertificate and every Ingress using one, and with {@code bridgeCertName} adds the bridge to
 * those Ingresses and marks them for the restore plan's gates. ManagedCertificates are kept as they
 * are (Velero drops their status).
 */
public final class ManagedCertificateBridge implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  static final String PRE_SHARED_CERT = "ingress.gcp.kubernetes.io/pre-shared-cert";
  static final String MANAGED_CERTIFICATES = "networking.gke.io/managed-certificates";
  /** Read by the restore planner to add the bridge's gates (upload, switch DNS, wait for Active, remove). */
  public static final String BRIDGE_ANNOTATION = "transship.dev/bridge-certificate";
  /** Prefix of the SslCertificates the managed-certificates controller creates (gke-managed-certs config.go). */
  private static final String MANAGED_PREFIX = "mcrt-";
  /** Compute Engine resource names (RFC 1035). */
  private static final Pattern CERTIFICATE_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final String GAP = "the new project cannot serve these domains with a Google-managed certificate "
      + "until DNS points at the new load balancer (the certificate provisions only then, and the old project's cannot be "
      + "exported), so HTTPS has a gap at cutover";
  private static final String BRIDGE_STEPS = "issue an exportable certificate for the domains (in the old project or "
      + "elsewhere), upload it in the new project as a self-managed SSL certificate and add it to the new Ingress's "
      + "pre-shared-cert list (bridgeCertName does that), switch DNS, wait for the ManagedCertificate to become Active, "
      + "then remove the bridge";

  private final String bridge;

  ManagedCertificateBridge(String bridge) {
    this.bridge = bridge;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if ("ManagedCertificate".equals(object.kind()) && "networking.gke.io".equals(object.group())) {
      List<String> domains = new ArrayList<>();
      object.node().path("spec").path("domains").forEach(d -> domains.add(d.asText()));
      ctx.warn("mcrt-bridge-needed", "Google-managed certificate for " + String.join(", ", domains) + ": " + GAP,
          BRIDGE_STEPS);
    } else if ("Ingress".equals(object.kind())
        && ("networking.k8s.io".equals(object.group()) || "extensions".equals(object.group()))) {
      ingress(ctx);
    }
  }

  private void ingress(ActionContext ctx) {
    KubeObject ingress = ctx.object();
    List<String> original = names(ingress.annotation(PRE_SHARED_CERT));
    List<String> certificates = new ArrayList<>(original);
    List<String> managed = names(ingress.annotation(MANAGED_CERTIFICATES));
    for (String name : original) {
      if (name.startsWith(MANAGED_PREFIX)) {
        certificates.remove(name);
        ctx.info("mcrt-removed", "removed " + name + " from " + PRE_SHARED_CERT + ": an SslCertificate the "
            + "managed-certificates controller created in the old project; it cannot be exported and does not exist in "
            + "the new one" + (managed.isEmpty() ? "" : " (the controller adds the new project's certificate itself)"));
      } else if (!name.equals(bridge)) {
        ctx.warn("pre-shared-cert-reupload", PRE_SHARED_CERT + " names SslCertificate " + name
                + ", which exists per project (an Ingress cannot use another project's certificate)",
            "upload the certificate in the new project under the name " + name + " before restoring");
      }
    }
    if (!managed.isEmpty()) {
      List<String> hosts = new ArrayList<>();
      ingress.node().path("spec").path("rules").forEach(r -> {
        if (r.hasNonNull("host")) {
          hosts.add(r.path("host").asText());
        }
      });
      ctx.warn("mcrt-bridge-needed", "uses ManagedCertificate " + String.join(", ", managed)
              + (hosts.isEmpty() ? "" : " for " + String.join(", ", hosts)) + ": " + GAP,
          bridge == null ? BRIDGE_STEPS + " (set bridgeCertName to add it here and get the restore plan's gates)"
              : "upload certificate " + bridge + " (covering every host of the Ingresses it is added to) in the new "
                  + "project before the traffic stage; the restore plan has the gates");
      if (bridge != null) {
        if (!certificates.contains(bridge)) {
          certificates.add(bridge);
        }
        ingress.setAnnotation(BRIDGE_ANNOTATION, bridge);
        ctx.info("mcrt-bridge", "added bridge certificate " + bridge + " to " + PRE_SHARED_CERT
            + " and marked it with " + BRIDGE_ANNOTATION + " for the restore plan");
      }
    }
    if (certificates.isEmpty()) {
      ingress.removeAnnotation(PRE_SHARED_CERT);
    } else if (!certificates.equals(original)) {
      ingress.setAnnotation(PRE_SHARED_CERT, String.join(",", certificates));
    }
  }

  /** A comma-separated annotation value as names (ingress-gce trims spaces). */
  private static List<String> names(String annotation) {
    if (annotation == null) {
      return List.of();
    }
    return Arrays.stream(annotation.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "managedCertificateBridge",
      "GKE -> GKE in another project: remove the old project's mcrt-* certificate names from Ingresses, warn about the "
          + "HTTPS gap on every ManagedCertificate and every Ingress using one, and with bridgeCertName add a self-managed "
          + "bridge certificate to those Ingresses so the restore plan gets its gates.",
      List.of(ParameterDoc.optional("bridgeCertName", "string",
          "self-managed SSL certificate (uploaded in the new project) that serves HTTPS until the ManagedCertificate is "
              + "Active; empty: none")),
      """
          - name: managed-certificates
            match: {resources: [ingresses.networking.k8s.io, managedcertificates.networking.gke.io]}
            actions:
              - convert: managedCertificateBridge
                with:
                  bridgeCertName: store-bridge
          """,
      config -> new ManagedCertificateBridge(bridgeName(config.string("bridgeCertName", "")))).withScope(
      new ResourceScope(
          List.of("ingresses.networking.k8s.io", "ingresses.extensions", "managedcertificates.networking.gke.io"),
          List.of(ResourceScope.need("ingresses.networking.k8s.io", "no Ingress gets the bridge certificate"),
              ResourceScope.need("managedcertificates.networking.gke.io", "the certificate gap of each ManagedCertificate is not reported"))));

  /** The bridge name from the parameter, or null when none is set. */
  private static String bridgeName(String value) {
    String bridge = value.trim();
    if (bridge.isEmpty()) {
      return null;
    }
    if (!CERTIFICATE_NAME.matcher(bridge).matches() || bridge.startsWith(MANAGED_PREFIX)) {
      throw new IllegalArgumentException("bridgeCertName '" + bridge + "' must be an SslCertificate name (lower-case "
          + "letters, digits and hyphens, at most 63, starting with a letter) that does not start with " + MANAGED_PREFIX);
    }
    return bridge;
  }
}
