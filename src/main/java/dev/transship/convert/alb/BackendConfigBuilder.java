package dev.transship.convert.alb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.rules.ActionContext;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Health checks, timeouts, draining, stickiness, WAF and access logs: the ALB target-group
 * settings that become a GKE BackendConfig (cloud-mapping.md §1.2). Attributes that have no
 * BackendConfig field are reported by {@link AlbAttributes}.
 */
final class BackendConfigBuilder {
  /** BackendConfig's affinityCookieTtlSec range tops out at a day; ALB allows a week. */
  static final int MAX_COOKIE_TTL = 86400;

  private BackendConfigBuilder() {}

  /** The BackendConfig spec for a Service, or an empty node when nothing applies. */
  static ObjectNode spec(AlbAnnotations alb, Map<String, String> securityPolicies, String cidrPolicy, ActionContext ctx) {
    ObjectNode spec = Json.object();
    healthCheck(alb, spec, ctx);
    Map<String, String> lb = AlbAnnotations.attributes(alb.get("load-balancer-attributes"));
    Integer idle = AlbAnnotations.intOrNull(lb.get("idle_timeout.timeout_seconds"));
    if (idle != null) {
      spec.put("timeoutSec", idle);
      ctx.warn("alb-idle-timeout", "ALB idle timeout " + idle + "s became BackendConfig timeoutSec, the backend response timeout (it also caps websocket lifetime)",
          "check long-polling and websocket clients");
    }
    if ("true".equals(lb.get("access_logs.s3.enabled"))) {
      spec.putObject("logging").put("enable", true).put("sampleRate", 1.0);
      ctx.info("alb-access-logs", "ALB access logs to S3 became load balancer logging to Cloud Logging");
    }
    Map<String, String> tg = AlbAnnotations.attributes(alb.get("target-group-attributes"));
    Integer draining = AlbAnnotations.intOrNull(tg.get("deregistration_delay.timeout_seconds"));
    if (draining != null) {
      spec.putObject("connectionDraining").put("drainingTimeoutSec", draining);
    }
    if ("true".equals(tg.get("stickiness.enabled"))) {
      if ("app_cookie".equals(tg.get("stickiness.type"))) {
        ctx.warn("alb-app-cookie-stickiness", "application-cookie stickiness has no BackendConfig equivalent (only generated cookies or client IP)",
            "use GENERATED_COOKIE affinity or make the backend stateless");
      } else {
        ObjectNode affinity = spec.putObject("sessionAffinity").put("affinityType", "GENERATED_COOKIE");
        Integer ttl = AlbAnnotations.intOrNull(tg.get("stickiness.lb_cookie.duration_seconds"));
        if (ttl != null) {
          if (ttl > MAX_COOKIE_TTL) {
            ctx.warn("alb-cookie-ttl-clamped", "stickiness duration " + ttl + "s clamped to " + MAX_COOKIE_TTL + "s, BackendConfig's maximum", "");
            ttl = MAX_COOKIE_TTL;
          }
          affinity.put("affinityCookieTtlSec", ttl);
        }
      }
    }
    AlbAttributes.reportLoadBalancer(lb, ctx);
    AlbAttributes.reportTargetGroup(tg, ctx);
    securityPolicy(alb, securityPolicies, cidrPolicy, spec, ctx);
    return spec;
  }

  /**
   * One Cloud Armor policy per backend: the WAF ACL's, else the one that allows an Ingress's
   * inbound CIDRs. A backend needing both gets the WAF's, and the CIDR rules must join it.
   */
  private static void securityPolicy(AlbAnnotations alb, Map<String, String> securityPolicies, String cidrPolicy, ObjectNode spec, ActionContext ctx) {
    String waf = Stream.of("wafv2-acl-arn", "waf-acl-id", "web-acl-id", "wafv2-acl-name").map(alb::get).filter(v -> v != null).findFirst().orElse(null);
    String policy = waf == null ? null : securityPolicies.get(waf);
    if (waf != null && policy == null) {
      ctx.warn("alb-waf-unmapped", "WAF web ACL " + waf + " has no Cloud Armor policy in securityPolicies: the backend is unprotected on GKE",
          "re-author the rules as a Cloud Armor security policy and map the ACL to it");
    } else if (waf != null) {
      ctx.info("alb-waf-mapped", "WAF web ACL -> Cloud Armor policy " + policy);
    }
    if (cidrPolicy != null && policy != null && !policy.equals(cidrPolicy)) {
      ctx.error("alb-inbound-cidrs-policy-conflict", "the Ingress's inbound CIDRs map to Cloud Armor policy " + cidrPolicy + ", but the backend's WAF ACL maps to "
          + policy + ", and a backend takes one policy: the CIDR restriction is not enforced", "add the CIDR allow rules to " + policy);
    } else if (cidrPolicy != null) {
      policy = cidrPolicy;
      ctx.info("alb-inbound-cidrs-policy", "inbound CIDRs of the Ingress -> Cloud Armor policy " + cidrPolicy);
    }
    if (policy != null) {
      spec.putObject("securityPolicy").put("name", policy);
    }
  }

  private static void healthCheck(AlbAnnotations alb, ObjectNode spec, ActionContext ctx) {
    ObjectNode hc = Json.object();
    if (alb.get("healthcheck-path") != null) {
      hc.put("requestPath", alb.get("healthcheck-path"));
    }
    Integer port = AlbAnnotations.intOrNull(alb.get("healthcheck-port"));
    if (port != null) {
      hc.put("port", port);
    }
    String protocol = alb.get("healthcheck-protocol");
    String backendProtocol = alb.get("backend-protocol");
    String type = protocol != null ? protocol.toUpperCase() : backendProtocol != null ? backendProtocol.toUpperCase() : null;
    if ("GRPC".equals(alb.get("backend-protocol-version")) || "HTTP2".equals(alb.get("backend-protocol-version"))) {
      type = "HTTP2";
    }
    if (type != null && (type.equals("HTTP") || type.equals("HTTPS") || type.equals("HTTP2"))) {
      hc.put("type", type);
    }
    putInt(hc, "checkIntervalSec", alb.get("healthcheck-interval-seconds"));
    putInt(hc, "timeoutSec", alb.get("healthcheck-timeout-seconds"));
    putInt(hc, "healthyThreshold", alb.get("healthy-threshold-count"));
    putInt(hc, "unhealthyThreshold", alb.get("unhealthy-threshold-count"));
    String codes = alb.get("success-codes");
    if (codes != null && !codes.trim().equals("200")) {
      ctx.warn("alb-success-codes", "success codes " + codes + ": Google Cloud health checks pass only on HTTP 200",
          "make the health check path answer 200");
    }
    if (!hc.isEmpty()) {
      spec.set("healthCheck", hc);
    }
  }

  private static void putInt(ObjectNode node, String field, String value) {
    Integer i = AlbAnnotations.intOrNull(value);
    if (i != null) {
      node.put(field, i);
    }
  }
}
