package dev.transship.convert.alb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Listener settings: {@code ssl-redirect} and {@code ssl-policy} become a FrontendConfig,
 * {@code listen-ports} with HTTPS only becomes {@code allow-http: "false"}; GKE Ingress listens on
 * 80 and 443 only (cloud-mapping.md §1.2).
 */
final class FrontendSettings {
  private FrontendSettings() {}

  /** Sets listener annotations on the Ingress; returns a FrontendConfig to generate, or null. */
  static ObjectNode convert(KubeObject ingress, AlbAnnotations alb, Map<String, String> sslPolicies, ActionContext ctx) {
    listenPorts(ingress, alb.get("listen-ports"), ctx);
    ObjectNode spec = Json.object();
    if (alb.get("ssl-redirect") != null) {
      spec.putObject("redirectToHttps").put("enabled", true).put("responseCodeName", "MOVED_PERMANENTLY_DEFAULT");
    }
    String policy = alb.get("ssl-policy");
    if (policy != null) {
      String mapped = sslPolicies.get(policy);
      if (mapped == null) {
        ctx.warn("alb-ssl-policy-unmapped", "SSL policy " + policy + " has no GCP SSL policy in sslPolicies: GKE uses its default TLS settings",
            "create one (gcloud compute ssl-policies create NAME --profile MODERN --min-tls-version 1.2) and map " + policy + " to it");
      } else {
        spec.put("sslPolicy", mapped);
      }
    }
    if (spec.isEmpty()) {
      return null;
    }
    String name = ingress.name() + "-frontend";
    ingress.setAnnotation("networking.gke.io/v1beta1.FrontendConfig", name);
    ctx.info("alb-frontend-config", "generated FrontendConfig " + name + " for the HTTPS redirect and SSL policy");
    ObjectNode config = Generated.object("networking.gke.io/v1beta1", "FrontendConfig", name, ingress);
    config.set("spec", spec);
    return config;
  }

  private static void listenPorts(KubeObject ingress, String listenPorts, ActionContext ctx) {
    if (listenPorts == null) {
      return;
    }
    Set<String> protocols = new HashSet<>();
    try {
      for (JsonNode entry : Json.MAPPER.readTree(listenPorts)) {
        entry.fields().forEachRemaining(e -> {
          protocols.add(e.getKey());
          int port = e.getValue().asInt();
          if (!(e.getKey().equals("HTTP") && port == 80) && !(e.getKey().equals("HTTPS") && port == 443)) {
            ctx.warn("alb-listen-port", "listener " + e.getKey() + ":" + port + " is not possible on GKE Ingress (80 and 443 only)",
                "use a Gateway listener or a separate load balancer Service");
          }
        });
      }
    } catch (Exception e) {
      ctx.warn("alb-listen-port", "listen-ports is not valid JSON: " + listenPorts, "");
      return;
    }
    if (protocols.equals(Set.of("HTTPS"))) {
      ingress.setAnnotation("kubernetes.io/ingress.allow-http", "false");
      ctx.info("alb-https-only", "HTTPS-only listener -> kubernetes.io/ingress.allow-http: \"false\"");
    }
  }
}
