package dev.transship.convert.alb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ACM certificates (explicit ARNs or the controller's discovery from TLS hosts) cannot be
 * exported, so the GKE Ingress gets either the Compute SSL certificates the user mapped the ARNs
 * to ({@code pre-shared-cert}) or a Google-managed certificate for its hosts (cloud-mapping.md
 * §1.2). A ManagedCertificate takes no wildcards and at most 100 domains.
 */
final class Certificates {
  static final int MAX_DOMAINS = 100;

  private Certificates() {}

  /** Sets the Ingress's certificate annotations; returns a ManagedCertificate to generate, or null. */
  static ObjectNode convert(KubeObject ingress, AlbAnnotations alb, Map<String, String> preSharedCerts, ActionContext ctx) {
    List<String> arns = new ArrayList<>();
    if (alb.get("certificate-arn") != null) {
      for (String arn : alb.get("certificate-arn").split(",")) {
        if (!arn.isBlank()) {
          arns.add(arn.trim());
        }
      }
    }
    Set<String> hosts = new LinkedHashSet<>();
    for (JsonNode tls : ingress.node().path("spec").path("tls")) {
      tls.path("hosts").forEach(h -> hosts.add(h.asText()));
      if (!tls.has("secretName")) {
        continue;
      }
      ctx.info("alb-tls-secret", "TLS from Secret " + tls.path("secretName").asText() + " is kept; GKE serves it as a self-managed certificate");
    }
    if (arns.isEmpty() && hosts.isEmpty()) {
      return null;
    }
    if (!arns.isEmpty() && arns.stream().allMatch(preSharedCerts::containsKey)) {
      List<String> names = arns.stream().map(preSharedCerts::get).toList();
      ingress.setAnnotation("ingress.gcp.kubernetes.io/pre-shared-cert", String.join(",", names));
      ctx.info("alb-certificate-pre-shared", "ACM certificates -> pre-shared Compute SSL certificates " + String.join(", ", names));
      return null;
    }
    if (hosts.isEmpty()) {
      for (JsonNode rule : ingress.node().path("spec").path("rules")) {
        if (rule.hasNonNull("host")) {
          hosts.add(rule.path("host").asText());
        }
      }
    }
    List<String> domains = new ArrayList<>();
    for (String host : hosts) {
      if (host.contains("*")) {
        ctx.warn("alb-certificate-wildcard", "host " + host + " is a wildcard: Google-managed certificates do not cover wildcards",
            "upload a certificate for it and add it to ingress.gcp.kubernetes.io/pre-shared-cert");
      } else if (domains.size() < MAX_DOMAINS) {
        domains.add(host);
      }
    }
    if (domains.isEmpty()) {
      return null;
    }
    if (hosts.size() > MAX_DOMAINS) {
      ctx.warn("alb-certificate-too-many-domains", "more than " + MAX_DOMAINS + " hosts: only the first " + MAX_DOMAINS + " are in the managed certificate", "");
    }
    String name = ingress.name() + "-cert";
    ingress.setAnnotation("networking.gke.io/managed-certificates", name);
    ctx.warn("alb-certificate-managed", (arns.isEmpty() ? "certificates discovered from TLS hosts" : "ACM certificates " + String.join(", ", arns))
        + " cannot be exported: generated ManagedCertificate " + name + " for " + String.join(", ", domains),
        "it provisions only after DNS points at the new load balancer; map the ARNs in preSharedCerts to serve uploaded certificates from the start");
    ObjectNode cert = Generated.object("networking.gke.io/v1", "ManagedCertificate", name, ingress);
    domains.forEach(cert.putObject("spec").putArray("domains")::add);
    return cert;
  }
}
