package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code with:} block of a {@code convert:} action, after rule-pack parameters were filled in.
 * Typed getters; the loader has already checked names against the converter's {@link
 * ParameterDoc}s and required ones are present.
 */
public record ConverterConfig(ObjectNode values) {
  public String string(String name, String fallback) {
    JsonNode v = values.get(name);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  public boolean bool(String name, boolean fallback) {
    JsonNode v = values.get(name);
    return v == null || v.isNull() ? fallback : v.asBoolean(fallback);
  }

  /** A map parameter as string to string, e.g. IAM role ARN to Google service account. */
  public Map<String, String> map(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode v = values.get(name);
    if (v != null && v.isObject()) {
      v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  public JsonNode node(String name) {
    return values.get(name);
  }
}
