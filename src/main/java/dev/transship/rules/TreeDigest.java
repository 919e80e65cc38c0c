package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A 64-bit digest of a JSON tree that, like {@link JsonNode#equals}, ignores the order of an
 * object's fields: how the engine tells that a generic action changed an object without copying it
 * first. {@link JsonNode#hashCode} is no substitute: it sums key ^ value per field, so a field whose
 * value is its own key ({@code app: app}) counts for nothing and its removal goes unseen.
 */
final class TreeDigest {
  private static final long OBJECT = 0x6f626a6563740000L;
  private static final long ARRAY = 0x6172726179000000L;
  private static final long STRING = 0x737472696e670000L;
  private static final long NUMBER = 0x6e756d6265720000L;
  private static final long OTHER = 0x6f74686572000000L;
  /** Sets a field's key apart from its value. */
  private static final long KEY = 0x9e3779b97f4a7c15L;

  private TreeDigest() {}

  static long of(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> {
        long sum = OBJECT;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          sum += mix(text(field.getKey()) * KEY + of(field.getValue())); // a sum: the order of fields does not count
        }
        yield mix(sum);
      }
      case ARRAY -> {
        long digest = ARRAY;
        for (JsonNode element : node) {
          digest = mix(digest * KEY + of(element));
        }
        yield digest;
      }
      case STRING -> mix(text(node.textValue()) ^ STRING);
      case NUMBER -> mix(text(node.asText()) ^ NUMBER ^ node.numberType().ordinal());
      case BOOLEAN -> node.booleanValue() ? 0x74727565L : 0x66616c7365L;
      case NULL -> 0x6e756c6cL;
      default -> mix(text(node.toString()) ^ OTHER);
    };
  }

  /** FNV-1a over the UTF-16 units. */
  private static long text(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finaliser: every input bit reaches every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
