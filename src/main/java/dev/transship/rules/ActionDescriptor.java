package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;

/** An {@link ActionType} as plain data plus a factory. */
public record ActionDescriptor(String name, String summary, List<ParameterDoc> parameters, String example,
    Function<JsonNode, ObjectAction> factory) implements ActionType {
  @Override
  public ObjectAction create(JsonNode config) {
    return factory.apply(config);
  }
}
