package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A generic action a rule can list, e.g. {@code jsonPatch:}; documented for {@code rules explain}. */
public interface ActionType {
  /** The key that names the action in a rule, e.g. {@code jsonPatch}. */
  String name();

  String summary();

  List<ParameterDoc> parameters();

  String example();

  /**
   * Builds the action from the value under its key (parameters already substituted).
   *
   * @throws IllegalArgumentException with a user-facing message when the value is unusable
   */
  ObjectAction create(JsonNode config);
}
