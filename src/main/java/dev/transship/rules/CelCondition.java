package dev.transship.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** TEMPORARY placeholder until the CEL implementation lands. */
public final class CelCondition {
  private final String expression;

  private CelCondition(String expression) {
    this.expression = expression;
  }

  public static CelCondition compile(String expression) {
    return new CelCondition(expression);
  }

  public boolean matches(ObjectNode object, Map<String, Object> params) throws ActionFailedException {
    throw new ActionFailedException("CEL not available yet");
  }

  public String expression() {
    return expression;
  }
}
