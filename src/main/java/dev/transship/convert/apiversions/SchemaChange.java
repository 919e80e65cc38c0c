package dev.transship.convert.apiversions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The field-by-field rewrite of one removed API version into its replacement, beyond the
 * apiVersion itself. Edits the object in place and says what it changed in {@code notes}.
 */
@FunctionalInterface
interface SchemaChange {
  /** The replacement has the same fields: only the apiVersion changes. */
  SchemaChange NONE = (object, notes) -> {};

  /**
   * @throws Unconvertible when the object cannot be expressed in the replacement without a
   *     decision only its owner can make; the object is then left as it was
   */
  void apply(ObjectNode object, ConversionNotes notes) throws Unconvertible;

  /** Why an object cannot be converted, for an error finding. */
  final class Unconvertible extends Exception {
    Unconvertible(String reason) {
      super(reason, null, false, false);
    }
  }
}
