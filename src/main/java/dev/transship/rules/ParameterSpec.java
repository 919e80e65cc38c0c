package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parameter a rule pack declares: its type ({@code string}, {@code map}, {@code list}, {@code
 * bool}, {@code int}, {@code version}: a Kubernetes minor such as "1.32"), whether it is required, its default and what it means. Converter parameters
 * ({@link ParameterDoc}) use the same types and the same check.
 */
public record ParameterSpec(String name, String type, boolean required, JsonNode defaultValue, String description) {
  public static final java.util.List<String> TYPES = java.util.List.of("string", "map", "list", "bool", "int", "version");

  private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("v?1\\.\\d{1,3}(\\.\\d+)?");

  /** Whether a value has this parameter's type. */
  public boolean accepts(JsonNode value) {
    return accepts(type, value);
  }

  /** Whether a value has {@code type}; a quoted "no" is a string, never a bool. */
  public static boolean accepts(String type, JsonNode value) {
    switch (type) {
      case "map":
        return value.isObject();
      case "list":
        return value.isArray();
      case "bool":
        return value.isBoolean();
      case "int":
        return value.isIntegralNumber();
      case "version":
        // a string: YAML reads an unquoted 1.30 as the number 1.3
        return value.isTextual() && VERSION.matcher(value.asText().strip()).matches();
      default:
        return value.isValueNode() && !value.isNull();
    }
  }
}
