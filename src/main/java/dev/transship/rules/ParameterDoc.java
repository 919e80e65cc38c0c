package dev.transship.rules;

/** Documents one parameter of an action or converter for {@code rules explain}. */
public record ParameterDoc(String name, String type, boolean required, String description) {
  public static ParameterDoc required(String name, String type, String description) {
    return new ParameterDoc(name, type, true, description);
  }

  public static ParameterDoc optional(String name, String type, String description) {
    return new ParameterDoc(name, type, false, description);
  }
}
