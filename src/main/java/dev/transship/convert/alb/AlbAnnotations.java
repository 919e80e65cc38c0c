package dev.transship.convert.alb;

import dev.transship.cloud.AlbAnnotationKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The {@code alb.ingress.kubernetes.io/*} annotations of one object, by short name. */
record AlbAnnotations(Map<String, String> values) {
  static final String PREFIX = AlbAnnotationKeys.PREFIX;

  static AlbAnnotations of(Map<String, String> annotations) {
    Map<String, String> out = new TreeMap<>();
    annotations.forEach((k, v) -> {
      if (k.startsWith(PREFIX)) {
        out.put(k.substring(PREFIX.length()), v);
      }
    });
    return new AlbAnnotations(out);
  }

  String get(String name) {
    return values.get(name);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  /** Annotations that configure target groups, which an Ingress passes on to its backend Services. */
  private static final java.util.Set<String> BACKEND = java.util.Set.of("target-type", "backend-protocol", "backend-protocol-version",
      "healthcheck-path", "healthcheck-port", "healthcheck-protocol", "healthcheck-interval-seconds", "healthcheck-timeout-seconds",
      "healthy-threshold-count", "unhealthy-threshold-count", "success-codes", "load-balancer-attributes", "target-group-attributes",
      "wafv2-acl-arn", "waf-acl-id", "web-acl-id", "wafv2-acl-name");

  AlbAnnotations backendSettings() {
    Map<String, String> out = new TreeMap<>(values);
    out.keySet().retainAll(BACKEND);
    return new AlbAnnotations(out);
  }

  /** Service-level values win over Ingress-level ones (LBC docs, cloud-mapping.md §1.2). */
  AlbAnnotations overriddenBy(AlbAnnotations service) {
    Map<String, String> merged = new TreeMap<>(values);
    merged.putAll(service.values);
    return new AlbAnnotations(merged);
  }

  /** Parses {@code a=b,c=d} attribute lists (load-balancer-attributes, target-group-attributes, tags). */
  static Map<String, String> attributes(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return out;
  }

  static Integer intOrNull(String text) {
    try {
      return text == null ? null : Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
