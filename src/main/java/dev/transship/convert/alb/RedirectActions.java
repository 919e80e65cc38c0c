package dev.transship.convert.alb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * ALB actions ({@code actions.NAME} annotations) that redirect to HTTPS on the same host, path and
 * query: what the {@code ssl-redirect} annotation does, spelled the old way. Both spellings of the
 * action JSON occur: the v1 controller's {@code Type}/{@code RedirectConfig} and the current
 * {@code type}/{@code redirectConfig} (the controller decodes field names case-insensitively).
 */
final class RedirectActions {
  /** ALB status codes to the responseCodeName a GKE FrontendConfig redirect takes. */
  private static final Map<String, String> RESPONSE_CODES = Map.of("HTTP_301", "MOVED_PERMANENTLY_DEFAULT", "HTTP_302", "FOUND");

  private RedirectActions() {}

  /** The FrontendConfig responseCodeName when action {@code name} is an HTTPS redirect, else null. */
  static String httpsRedirectCode(AlbAnnotations alb, String name) {
    String text = alb.get("actions." + name);
    if (text == null) {
      return null;
    }
    JsonNode action;
    try {
      action = Json.MAPPER.readTree(text);
    } catch (Exception e) {
      return null;
    }
    if (!"redirect".equalsIgnoreCase(field(action, "type").asText())) {
      return null;
    }
    JsonNode config = field(action, "redirectConfig");
    if (!"HTTPS".equalsIgnoreCase(field(config, "protocol").asText())
        || !keeps(field(config, "host"), "#{host}") || !keeps(field(config, "path"), "/#{path}") || !keeps(field(config, "query"), "#{query}")
        || !keeps(field(config, "port"), "443")) {
      return null;
    }
    return RESPONSE_CODES.getOrDefault(field(config, "statusCode").asText("HTTP_301").toUpperCase(), "MOVED_PERMANENTLY_DEFAULT");
  }

  private static boolean keeps(JsonNode value, String same) {
    return value.isMissingNode() || value.isNull() || value.asText().equals(same);
  }

  private static JsonNode field(JsonNode node, String name) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String candidate = names.next();
      if (candidate.equalsIgnoreCase(name)) {
        return node.get(candidate);
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
