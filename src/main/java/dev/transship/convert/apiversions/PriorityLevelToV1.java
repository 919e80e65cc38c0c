package dev.transship.convert.apiversions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * PriorityLevelConfiguration flowcontrol v1beta1 and v1beta2 to v1: {@code
 * spec.limited.assuredConcurrencyShares} was renamed {@code nominalConcurrencyShares} (v1beta3).
 */
final class PriorityLevelToV1 implements SchemaChange {
  @Override
  public void apply(ObjectNode object, ConversionNotes notes) throws Unconvertible {
    if (!(object.path("spec").path("limited") instanceof ObjectNode limited) || !limited.has("assuredConcurrencyShares")) {
      return;
    }
    if (limited.has("nominalConcurrencyShares")) {
      throw new Unconvertible("spec.limited has both assuredConcurrencyShares and nominalConcurrencyShares");
    }
    JsonNode shares = limited.remove("assuredConcurrencyShares");
    limited.set("nominalConcurrencyShares", shares);
    notes.changed("spec.limited.assuredConcurrencyShares -> nominalConcurrencyShares");
  }
}
