package dev.transship.rules;

import java.util.List;

/**
 * A built-in converter as a rule pack sees it: a name to call with {@code convert:}, documented
 * parameters, an example, and a factory that builds one configured instance per rule.
 */
public interface ConverterSpec {
  /** The name used in {@code convert: <name>}. */
  String name();

  /** One paragraph for {@code rules explain}. */
  String summary();

  List<ParameterDoc> parameters();

  /** The resources it reads and changes; {@link ResourceScope#ANY} when it may act on any. */
  default ResourceScope scope() {
    return ResourceScope.ANY;
  }

  /** A YAML snippet of a rule using it. */
  String example();

  /**
   * Builds the action. Only called after the loader checked parameter names and required ones.
   *
   * @throws IllegalArgumentException with a user-facing message when a value is unusable (the
   *     loader turns it into a file:line error)
   */
  ObjectAction create(ConverterConfig config);
}
