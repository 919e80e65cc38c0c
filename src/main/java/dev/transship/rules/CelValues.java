package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import java.util.Map;

/** TEMPORARY placeholder until the CEL implementation lands. */
final class CelValues {
  private CelValues() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> toJava(JsonNode node) {
    return Json.MAPPER.convertValue(node, Map.class);
  }
}
