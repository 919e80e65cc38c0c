package dev.transship.convert.alb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.rules.ActionContext;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Paths for GCE URL maps (cloud-mapping.md §1.3): Exact and Prefix carry over; ALB globs in
 * ImplementationSpecific paths do not, since GCE allows {@code *} only as a trailing {@code /*}.
 * Backends that name an ALB action ({@code use-annotation}) are removed: GKE would look for a
 * Service of that name. An action that redirects to HTTPS becomes the FrontendConfig redirect.
 */
final class PathRules {
  private static final Pattern GCE_PATH = Pattern.compile("^(?:/[^*?]*)?/\\*$|^/[^*?]*$");
  private static final Pattern TRAILING_STAR = Pattern.compile("^(/[^*?]*[^/*?])\\*$");

  /** What the paths said beyond routing: an HTTPS redirect action, and the actions they used. */
  record Result(String redirectCode, Set<String> redirectActions) {}

  private final AlbAnnotations alb;
  private final ActionContext ctx;
  private String redirectCode;
  private final Set<String> redirectActions = new TreeSet<>();

  private PathRules(AlbAnnotations alb, ActionContext ctx) {
    this.alb = alb;
    this.ctx = ctx;
  }

  static Result convert(ObjectNode spec, AlbAnnotations alb, ActionContext ctx) {
    PathRules rules = new PathRules(alb, ctx);
    rules.convertRules(spec);
    return new Result(rules.redirectCode, rules.redirectActions);
  }

  private void convertRules(ObjectNode spec) {
    if (spec.path("rules") instanceof ArrayNode rules) {
      for (int r = rules.size() - 1; r >= 0; r--) {
        JsonNode http = rules.get(r).path("http");
        if (http.path("paths") instanceof ArrayNode paths) {
          for (int p = paths.size() - 1; p >= 0; p--) {
            if (paths.get(p) instanceof ObjectNode path && !convertPath(path, rules.get(r).path("host").asText("*"))) {
              paths.remove(p);
            }
          }
          if (paths.isEmpty()) {
            rules.remove(r);
          }
        }
      }
    }
    String field = BackendRef.defaultBackendField(spec);
    BackendRef fallback = BackendRef.of(spec.path(field));
    if (fallback != null && fallback.isAction()) {
      if (!redirected(fallback, "the default backend")) {
        ctx.error("alb-action-backend", "the default backend is the ALB action " + fallback.service() + ", which GKE cannot serve: removed",
            "route it to a Service, or use a Gateway");
      }
      spec.remove(field);
    }
  }

  /** Returns false when the path must go. */
  private boolean convertPath(ObjectNode path, String host) {
    String where = host + path.path("path").asText("/");
    BackendRef backend = BackendRef.of(path.path("backend"));
    if (backend != null && backend.isAction()) {
      if (!redirected(backend, "path " + where)) {
        ctx.error("alb-action-backend", "path " + where + " goes to ALB action " + backend.service()
                + " (fixed response, redirect or weighted forward), which GKE Ingress cannot do: the path was removed",
            "serve it from a Service, or move to a Gateway HTTPRoute (RequestRedirect, weighted backendRefs)");
      }
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

  /** Whether the action is an HTTPS redirect, which the FrontendConfig takes over. */
  private boolean redirected(BackendRef action, String where) {
    String code = RedirectActions.httpsRedirectCode(alb, action.service());
    if (code == null) {
      return false;
    }
    redirectCode = code;
    redirectActions.add(action.service());
    ctx.info("alb-redirect-action", where + " went to ALB action " + action.service()
        + ", an HTTP to HTTPS redirect: removed, the redirect is the FrontendConfig's on GKE");
    return true;
  }
}
