package dev.transship.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field of an object that a conversion changed.
 *
 * @param path where it sits, readable and unescaped: {@code metadata.annotations["alb.ingress.kubernetes.io/scheme"]},
 *     {@code spec.rules[0].http.paths[1].backend}
 * @param before its value in the source backup; null when the field was added
 * @param after its value in the converted backup; null when the field was removed
 */
public record FieldChange(String path, JsonNode before, JsonNode after) {
  public String op() {
    return before == null ? "added" : after == null ? "removed" : "changed";
  }
}
