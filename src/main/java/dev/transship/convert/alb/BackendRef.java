package dev.transship.convert.alb;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Service an Ingress backend names, in the networking/v1 shape ({@code service.name},
 * {@code service.port.name}) or the removed v1beta1 one ({@code serviceName}, {@code servicePort}),
 * which old manifests and ALB examples still use. A port named {@code use-annotation} makes the
 * "Service" the name of an ALB action annotation.
 */
record BackendRef(String service, String portName) {
  static final String USE_ANNOTATION = "use-annotation";

  /** The backend's reference, or null when it names no Service (a resource backend, a wrong shape). */
  static BackendRef of(JsonNode backend) {
    JsonNode service = backend.path("service");
    if (service.path("name").isTextual()) {
      return new BackendRef(service.path("name").asText(), service.path("port").path("name").asText(""));
    }
    if (backend.path("serviceName").isTextual()) {
      JsonNode port = backend.path("servicePort");
      return new BackendRef(backend.path("serviceName").asText(), port.isTextual() ? port.asText() : "");
    }
    return null;
  }

  /** The Ingress's default backend: {@code defaultBackend}, or v1beta1's {@code backend}. */
  static String defaultBackendField(JsonNode spec) {
    return spec.has("defaultBackend") || !spec.has("backend") ? "defaultBackend" : "backend";
  }

  boolean isAction() {
    return USE_ANNOTATION.equals(portName);
  }
}
