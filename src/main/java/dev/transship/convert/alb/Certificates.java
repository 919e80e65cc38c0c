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
 * Where the GKE Ingress gets the certificates the ALB served HTTPS with (cloud-mapping.md §1.2).
 * ACM certificates cannot be exported: an ARN becomes the Compute SSL certificate the user mapped
 * it to ({@code pre-shared-cert}; regional ones for an internal Ingress), or a Google-managed
 * certificate for the Ingress's hosts. Without certificate ARNs the controller discovered ACM
 * certificates by the hosts of {@code spec.tls} and the rules, and ignored {@code secretName}, which
 * GKE does serve. A ManagedCertificate takes no wildcards, at most 100 domains, and only external
 * Ingresses. Whatever cannot be carried over is an error: the Ingress would serve no HTTPS.
 */
final class Certificates {
  static final int MAX_DOMAINS = 100;

  /** What the Ingress will serve HTTPS with on GKE. */
  record Tls(ObjectNode managedCertificate, boolean servesHttps) {}

  private Certificates() {}

  static List<String> explicitArns(AlbAnnotations alb) {
    List<String> arns = new ArrayList<>();
    if (alb.get("certificate-arn") != null) {
      for (String arn : alb.get("certificate-arn").split(",")) {
        if (!arn.isBlank()) {
          arns.add(arn.trim());
        }
      }
    }
    return arns;
  }

  /** Sets the Ingress's certificate annotations; returns what it serves and a ManagedCertificate to generate. */
  static Tls convert(KubeObject ingress, AlbAnnotations alb, Listeners listeners, boolean internal, Map<String, String> preSharedCerts,
      ActionContext ctx) {
    List<String> arns = explicitArns(alb);
    JsonNode spec = ingress.node().path("spec");
    List<String> secrets = new ArrayList<>();
    Set<String> secretHosts = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    for (JsonNode tls : spec.path("tls")) {
      tls.path("hosts").forEach(h -> hosts.add(h.asText()));
      if (tls.path("secretName").isTextual()) {
        secrets.add(tls.path("secretName").asText());
        tls.path("hosts").forEach(h -> secretHosts.add(h.asText()));
      }
    }
    for (JsonNode rule : spec.path("rules")) {
      if (rule.path("host").isTextual()) {
        hosts.add(rule.path("host").asText());
      }
    }
    if (!secrets.isEmpty()) {
      ctx.info("alb-tls-secret", "spec.tls Secret " + String.join(", ", secrets) + " is served by GKE (the ALB ignored it): it must exist in "
          + ingress.namespace() + " and hold a certificate for " + (secretHosts.isEmpty() ? "the Ingress's hosts" : String.join(", ", secretHosts)));
    }
    if (!listeners.https()) {
      if (!arns.isEmpty()) {
        ctx.info("alb-certificate-unused", "certificate ARNs are set but the ALB had no HTTPS listener (" + listeners.described() + "): not carried over");
      }
      return new Tls(null, !secrets.isEmpty());
    }
    List<String> preShared = new ArrayList<>();
    List<String> unmapped = new ArrayList<>();
    arns.forEach(arn -> (preSharedCerts.containsKey(arn) ? preShared : unmapped).add(arn));
    if (!preShared.isEmpty()) {
      List<String> names = preShared.stream().map(preSharedCerts::get).toList();
      ingress.setAnnotation("ingress.gcp.kubernetes.io/pre-shared-cert", String.join(",", names));
      ctx.info("alb-certificate-pre-shared", "ACM certificates -> pre-shared " + (internal ? "regional " : "") + "Compute SSL certificates "
          + String.join(", ", names));
    }
    // what the ALB served that neither a mapped ARN nor a Secret covers
    String missing;
    if (!unmapped.isEmpty()) {
      missing = "ACM certificates " + String.join(", ", unmapped);
    } else if (arns.isEmpty() && (secrets.isEmpty() || !secretHosts.containsAll(hosts))) {
      missing = "ACM certificates the controller discovered for the hosts";
    } else {
      return new Tls(null, true);
    }
    if (internal) {
      return lost(true, missing, "it is internal, and Google-managed certificates are for external Ingresses only", preShared, secrets, ctx);
    }
    List<String> domains = new ArrayList<>();
    for (String host : hosts) {
      if (secretHosts.contains(host) && unmapped.isEmpty()) {
        continue;
      }
      if (host.contains("*")) {
        ctx.warn("alb-certificate-wildcard", "host " + host + " is a wildcard: Google-managed certificates do not cover wildcards",
            "upload a certificate for it and map its ARN in preSharedCerts, or serve it from a Secret in spec.tls");
      } else if (domains.size() < MAX_DOMAINS) {
        domains.add(host);
      }
    }
    if (domains.isEmpty()) {
      return lost(false, missing, hosts.isEmpty() ? "it names no host a Google-managed certificate could cover"
          : "its hosts are wildcards, which Google-managed certificates do not cover", preShared, secrets, ctx);
    }
    if (hosts.size() > MAX_DOMAINS) {
      ctx.warn("alb-certificate-too-many-domains", "more than " + MAX_DOMAINS + " hosts: only the first " + MAX_DOMAINS + " are in the managed certificate", "");
    }
    String name = ingress.name() + "-cert";
    ingress.setAnnotation("networking.gke.io/managed-certificates", name);
    ctx.warn("alb-certificate-managed", missing + " cannot be exported: generated ManagedCertificate " + name + " for " + String.join(", ", domains),
        "it provisions only after DNS points at the new load balancer; map the ARNs in preSharedCerts to serve uploaded certificates from the start");
    ObjectNode cert = Generated.object("networking.gke.io/v1", "ManagedCertificate", name, ingress);
    domains.forEach(cert.putObject("spec").putArray("domains")::add);
    return new Tls(cert, true);
  }

  private static Tls lost(boolean internal, String missing, String why, List<String> preShared, List<String> secrets, ActionContext ctx) {
    String message = "the ALB served HTTPS with " + missing + ", which cannot be carried over: " + why;
    String hint = (internal ? "create regional Compute SSL certificates" : "upload the certificates as Compute SSL certificates")
        + " and map the ARNs in preSharedCerts, or put them in Secrets named in spec.tls";
    boolean partly = !preShared.isEmpty() || !secrets.isEmpty();
    if (partly) {
      ctx.error("alb-tls-partly-lost", message + "; HTTPS is served only with the certificates that could", hint);
    } else {
      ctx.error("alb-tls-lost", message + "; on GKE the Ingress will serve no HTTPS", hint);
    }
    return new Tls(null, partly);
  }

}
