package dev.transship.convert.alb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.rules.ActionContext;
import java.util.Iterator;
import java.util.Map;

/**
 * The ALB's listeners as the AWS Load Balancer Controller derives them: {@code listen-ports}, or
 * without it HTTPS:443 when certificate ARNs are given and HTTP:80 otherwise. So an Ingress with
 * only {@code spec.tls} and no listen-ports served plain HTTP on EKS. GKE Ingress listens on 80 and
 * 443 only.
 */
record Listeners(boolean http, boolean https, String described) {
  static Listeners of(AlbAnnotations alb, boolean explicitCertificates, ActionContext ctx) {
    String listenPorts = alb.get("listen-ports");
    Listeners byDefault = explicitCertificates ? new Listeners(false, true, "HTTPS:443 (certificate-arn without listen-ports)")
        : new Listeners(true, false, "HTTP:80 (no listen-ports)");
    if (listenPorts == null) {
      return byDefault;
    }
    boolean http = false;
    boolean https = false;
    try {
      JsonNode entries = Json.MAPPER.readTree(listenPorts);
      if (entries == null || !entries.isArray()) {
        throw new IllegalArgumentException("not a list");
      }
      for (JsonNode entry : entries) {
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> listener = it.next();
          int port = listener.getValue().asInt();
          http |= listener.getKey().equals("HTTP");
          https |= listener.getKey().equals("HTTPS");
          if (!(listener.getKey().equals("HTTP") && port == 80) && !(listener.getKey().equals("HTTPS") && port == 443)) {
            ctx.warn("alb-listen-port", "listener " + listener.getKey() + ":" + port + " is not possible on GKE Ingress (80 and 443 only)",
                "use a Gateway listener or a separate load balancer Service");
          }
        }
      }
    } catch (Exception e) {
      ctx.warn("alb-listen-port", "listen-ports is not valid JSON: " + listenPorts + "; the controller could not have built listeners from it",
          "the conversion assumes " + byDefault.described());
      return byDefault;
    }
    return new Listeners(http, https, listenPorts);
  }
}
