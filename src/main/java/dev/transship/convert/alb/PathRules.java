package dev.transship.convert.alb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.rules.ActionContext;
import java.util.regex.Pattern;

/**
 * Paths for GCE URL maps (cloud-mapping.md §1.3): Exact and Prefix carry over; ALB globs in
 * ImplementationSpecific paths do not, since GCE allows {@code *} only as a trailing {@code /*}.
 * Backends that name an ALB action ({@code port.name: use-annotation}) are removed: GKE would look
 * for a Service of that name.
 */
final class PathRules {
  private static final Pattern GCE_PATH = Pattern.compile("^(?:/[^*?]*)?/\\*$|^/[^*?]*$");
  private static final Pattern TRAILING_STAR = Pattern.compile("^(/[^*?]*[^/*?])\\*$");

  private PathRules() {}

  static void convert(ObjectNode spec, ActionContext ctx) {
    if (spec.path("rules") instanceof ArrayNode rules) {
      for (int r = rules.size() - 1; r >= 0; r--) {
        JsonNode http = rules.get(r).path("http");
        if (http.path("paths") instanceof ArrayNode paths) {
          for (int p = paths.size() - 1; p >= 0; p--) {
            if (!convertPath((ObjectNode) paths.get(p), rules.get(r).path("host").asText("*"), ctx)) {
              paths.remove(p);
            }
          }
          if (paths.isEmpty()) {
            rules.remove(r);
          }
        }
      }
    }
    if (spec.path("defaultBackend").path("service").path("port").path("name").asText("").equals("use-annotation")) {
      ctx.error("alb-action-backend", "the default backend is the ALB action " + spec.path("defaultBackend").path("service").path("name").asText()
          + ", which GKE cannot serve: removed", "route it to a Service, or use a Gateway");
      spec.remove("defaultBackend");
    }
  }

  /** Returns false when the path must go. */
  private static boolean convertPath(ObjectNode path, String host, ActionContext ctx) {
    String where = host + path.path("path").asText("/");
    JsonNode service = path.path("backend").path("service");
    if ("use-annotation".equals(service.path("port").path("name").asText())) {
      ctx.error("alb-action-backend", "path " + where + " goes to ALB action " + service.path("name").asText()
          + " (fixed response, redirect or weighted forward), which GKE Ingress cannot do: the path was removed",
          "serve it from a Service, or move to a Gateway HTTPRoute (RequestRedirect, weighted backendRefs)");
      return false;
    }
    if (!"ImplementationSpecific".equals(path.path("pathType").asText())) {
      return true;
    }
    String value = path.path("path").asText("/");
    if (GCE_PATH.matcher(value).matches()) {
      return true;
    }
    var trailing = TRAILING_STAR.matcher(value);
    if (trailing.matches()) {
      path.put("path", trailing.group(1));
      path.put("pathType", "Prefix");
      ctx.warn("alb-path-widened", "path " + where + " became Prefix " + trailing.group(1) + ", which also matches "
          + trailing.group(1) + "/... but not " + trailing.group(1) + "x", "check that no other path relied on the glob");
      return true;
    }
    ctx.error("alb-path-unconvertible", "path " + where + " uses ALB glob or regex syntax GCE URL maps cannot express: the path was removed",
        "rewrite it as Exact or Prefix paths");
    return false;
  }
}
