package dev.transship.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;

/** Builds a converter from the {@code with:} block of its documented example, so examples cannot rot. */
public final class ConverterExamples {
  private ConverterExamples() {}

  public static ObjectAction build(ConverterSpec spec) throws Exception {
    JsonNode rules = Json.YAML.readTree(spec.example());
    JsonNode action = rules.get(0).path("actions").get(0);
    if (!spec.name().equals(action.path("convert").asText())) {
      throw new AssertionError("example of " + spec.name() + " calls " + action.path("convert").asText());
    }
    JsonNode with = action.path("with");
    return spec.create(new ConverterConfig(with.isObject() ? (ObjectNode) with : Json.object()));
  }
}
