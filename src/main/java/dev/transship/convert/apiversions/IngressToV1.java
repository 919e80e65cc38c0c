package dev.transship.convert.apiversions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Ingress extensions/v1beta1 and networking.k8s.io/v1beta1 to networking.k8s.io/v1, as the API
 * server's own conversion does: {@code spec.backend} becomes {@code spec.defaultBackend}, a backend's
 * {@code serviceName}/{@code servicePort} become {@code service.name} and {@code service.port.number}
 * (an integer) or {@code service.port.name} (a string), and a path without {@code pathType} gets
 * ImplementationSpecific, which is how v1beta1 matched it. The AWS Load Balancer Controller's
 * action pattern {@code servicePort: use-annotation} becomes {@code port.name: use-annotation},
 * the form its documentation gives for networking.k8s.io/v1.
 */
final class IngressToV1 implements SchemaChange {
  @Override
  public void apply(ObjectNode object, ConversionNotes notes) throws Unconvertible {
    JsonNode spec = object.path("spec");
    if (!spec.isObject()) {
      return;
    }
    ObjectNode s = (ObjectNode) spec;
    if (s.has("backend")) {
      if (s.has("defaultBackend")) {
        throw new Unconvertible("it has both spec.backend and spec.defaultBackend");
      }
      s.set("defaultBackend", backend(s.remove("backend"), "spec.backend", notes));
      notes.changed("spec.backend -> spec.defaultBackend");
    }
    JsonNode rules = s.path("rules");
    for (int r = 0; r < rules.size(); r++) {
      JsonNode paths = rules.path(r).path("http").path("paths");
      for (int p = 0; p < paths.size(); p++) {
        if (!(paths.get(p) instanceof ObjectNode path)) {
          continue;
        }
        String at = "spec.rules[" + r + "].http.paths[" + p + "]";
        if (path.has("backend")) {
          path.set("backend", backend(path.get("backend"), at + ".backend", notes));
        }
        JsonNode pathType = path.path("pathType");
        if (pathType.isMissingNode() || pathType.isNull()) {
          path.put("pathType", "ImplementationSpecific");
          notes.changed("pathType ImplementationSpecific on paths that had none (v1 requires it; it matches as v1beta1 did)");
        }
      }
    }
  }

  /** A v1beta1 backend in v1 form; a resource backend and a backend already in v1 form stay as they are. */
  private static JsonNode backend(JsonNode backend, String at, ConversionNotes notes) throws Unconvertible {
    if (!(backend instanceof ObjectNode b) || (!b.has("serviceName") && !b.has("servicePort"))) {
      return backend;
    }
    JsonNode name = b.remove("serviceName");
    JsonNode port = b.remove("servicePort");
    if (name == null || !name.isTextual() || port == null || !(port.isTextual() || port.isIntegralNumber())) {
      throw new Unconvertible(at + " needs serviceName (a string) and servicePort (a number or a port name)");
    }
    if (b.has("service") || b.has("resource")) {
      throw new Unconvertible(at + " names a service both as serviceName and as service or resource");
    }
    ObjectNode service = b.putObject("service").put("name", name.asText());
    if (port.isIntegralNumber()) {
      service.putObject("port").put("number", port.asInt());
      notes.changed("serviceName/servicePort -> service.name/service.port.number");
    } else {
      service.putObject("port").put("name", port.asText());
      notes.changed("serviceName/servicePort -> service.name/service.port.name" + (port.asText().equals("use-annotation")
          ? " (servicePort use-annotation became port.name use-annotation, as the AWS Load Balancer Controller reads actions in v1)" : ""));
    }
    return b;
  }
}
