package dev.transship.rules;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what a converter met when an object's shape was not what it was written for: a missing
 * field, or one of another JSON type (a converter walks real objects, which come in every shape
 * the API server ever accepted, and some it never did). The object is then kept or the run stops
 * with one line, as for any failed action; never an internal error.
 */
final class UnexpectedShape {
  private static final Pattern CAST = Pattern.compile("class (?:[\\w.$]+\\.)?(\\w+) cannot be cast to class (?:[\\w.$]+\\.)?(\\w+)");
  private static final Map<String, String> JSON_TYPES = Map.ofEntries(
      Map.entry("MissingNode", "a missing field"), Map.entry("NullNode", "null"), Map.entry("ObjectNode", "a map"),
      Map.entry("ArrayNode", "a list"), Map.entry("TextNode", "a string"), Map.entry("BooleanNode", "a bool"),
      Map.entry("IntNode", "a number"), Map.entry("LongNode", "a number"), Map.entry("DoubleNode", "a number"),
      Map.entry("DecimalNode", "a number"), Map.entry("BigIntegerNode", "a number"));

  private UnexpectedShape() {}

  static String describe(RuntimeException e) {
    String where = e.getStackTrace().length == 0 ? "" : " (in " + simpleName(e.getStackTrace()[0].getClassName()) + ")";
    Matcher cast = CAST.matcher(String.valueOf(e.getMessage()));
    if (e instanceof ClassCastException && cast.find()) {
      return "the object has " + JSON_TYPES.getOrDefault(cast.group(1), cast.group(1)) + " where "
          + JSON_TYPES.getOrDefault(cast.group(2), cast.group(2)) + " was expected" + where;
    }
    if (e instanceof NullPointerException) {
      return "the object lacks a field the converter needs" + where;
    }
    return "the object has a shape the converter cannot take (" + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")" + where;
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
