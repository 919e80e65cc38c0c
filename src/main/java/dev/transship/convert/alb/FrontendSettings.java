package dev.transship.convert.alb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import java.util.Map;

/**
 * Listener settings (cloud-mapping.md §1.2): an HTTPS-only ALB becomes {@code allow-http: "false"};
 * {@code ssl-redirect} (or an HTTPS redirect action) and {@code ssl-policy} become a FrontendConfig.
 * GKE's FrontendConfig redirect and SSL policies are for external Ingresses only; an internal one
 * that redirected HTTP stops serving HTTP instead, so nothing is served in the clear that was not.
 */
final class FrontendSettings {
  private FrontendSettings() {}

  /** Sets listener annotations on the Ingress; returns a FrontendConfig to generate, or null. */
  static ObjectNode convert(KubeObject ingress, AlbAnnotations alb, Listeners listeners, Certificates.Tls tls, boolean internal,
      String redirectActionCode, Map<String, String> sslPolicies, ActionContext ctx) {
    ObjectNode spec = Json.object();
    boolean httpOff = listeners.https() && !listeners.http();
    String redirectCode = alb.get("ssl-redirect") != null ? "MOVED_PERMANENTLY_DEFAULT" : redirectActionCode;
    if (redirectCode != null && listeners.http()) {
      if (!tls.servesHttps()) {
        ctx.warn("alb-redirect-dropped", "the ALB redirected HTTP to HTTPS, but the Ingress serves no HTTPS on GKE: the redirect was not carried over",
            "give it a certificate (see the TLS finding), then add a FrontendConfig with redirectToHttps");
      } else if (internal) {
        httpOff = true;
        ctx.warn("alb-redirect-internal", "the ALB redirected HTTP to HTTPS; an internal GKE Ingress cannot redirect, so HTTP is switched off "
            + "(kubernetes.io/ingress.allow-http: \"false\"): clients that relied on the redirect get no answer on port 80", "use HTTPS URLs");
      } else {
        spec.putObject("redirectToHttps").put("enabled", true).put("responseCodeName", redirectCode);
      }
    }
    if (httpOff) {
      ingress.setAnnotation("kubernetes.io/ingress.allow-http", "false");
      ctx.info("alb-https-only", "no HTTP served -> kubernetes.io/ingress.allow-http: \"false\"");
    }
    String policy = alb.get("ssl-policy");
    if (policy != null && internal) {
      ctx.warn("alb-ssl-policy-internal", "SSL policy " + policy + " is not carried over: an internal GKE Ingress takes no SSL policy, so GKE's default TLS settings apply",
          "if the policy mattered, move the Ingress to a Gateway, whose internal load balancers take SSL policies");
    } else if (policy != null) {
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
}
