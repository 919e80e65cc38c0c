package dev.transship.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a Secret safe to show: every {@code data}/{@code stringData} value becomes a placeholder
 * with its length, the last-applied annotation (which repeats the data) is masked, and any other
 * string that is a value, or quotes one (a rule may copy data into an annotation), is scrubbed.
 */
public final class SecretRedaction {
  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  /** What stands where a value was. */
  private static final String REDACTED = "(redacted)";

  private SecretRedaction() {}

  /** A redacted copy for Secrets; other objects are returned as they are. */
  public static JsonNode redact(JsonNode object) {
    return redact(object, object);
  }

  /**
   * A redacted copy for Secrets: data values masked, and any other string that quotes a value of
   * this Secret or of {@code original} (a rule may have copied one into an annotation) scrubbed.
   */
  public static JsonNode redact(JsonNode object, JsonNode original) {
    if (object == null || !isSecret(object) || !(object instanceof ObjectNode)) {
      return object;
    }
    Set<String> values = values(object);
    if (original != null && isSecret(original)) {
      values.addAll(values(original));
    }
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    for (String field : new String[] {"data", "stringData"}) {
      JsonNode held = copy.get(field);
      if (held instanceof ObjectNode data) {
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          e.setValue(data.textNode("(redacted, " + e.getValue().asText().length() + " chars)"));
        }
      } else if (held != null && !held.isNull()) {
        copy.put(field, REDACTED); // a shape the API refuses may hold a secret all the same
      }
    }
    KubeObject kube = new KubeObject(copy);
    if (kube.annotation(LAST_APPLIED) != null) {
      kube.setAnnotation(LAST_APPLIED, REDACTED);
    }
    // Longest first, since a value may contain another; sorted once for the whole tree.
    List<String> quotable = values.stream().filter(v -> v.length() >= MIN_VALUE_LENGTH)
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    scrubTree(copy, values, quotable);
    return copy;
  }

  public static boolean isSecret(JsonNode object) {
    return object != null && "Secret".equals(object.path("kind").asText());
  }

  /**
   * Every value a Secret holds, as stored and decoded from base64: what a message or a copy could
   * quote. Every scalar under data and stringData counts, whatever their shape.
   */
  private static Set<String> values(JsonNode secret) {
    Set<String> out = new HashSet<>();
    collect(secret.path("data"), true, out);
    collect(secret.path("stringData"), false, out);
    return out;
  }

  private static void collect(JsonNode node, boolean base64, Set<String> out) {
    if (!node.isValueNode()) {
      node.elements().forEachRemaining(e -> collect(e, base64, out)); // an object's values, an array's items
      return;
    }
    String value = node.asText("");
    add(out, value);
    if (base64) {
      try {
        add(out, new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // stored as is
      }
    }
  }

  private static void add(Set<String> values, String value) {
    if (!value.isEmpty()) {
      values.add(value);
    }
  }

  /** A string that is a value, whatever its length, or that quotes one of {@code quotable}. */
  private static String scrubText(String text, Set<String> values, List<String> quotable) {
    if (values.contains(text)) {
      return REDACTED;
    }
    String out = text;
    for (String value : quotable) {
      out = out.replace(value, REDACTED);
    }
    return out;
  }

  private static void scrubTree(JsonNode node, Set<String> values, List<String> quotable) {
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(e -> {
        if (e.getValue().isTextual()) {
          e.setValue(object.textNode(scrubText(e.getValue().asText(), values, quotable)));
        } else {
          scrubTree(e.getValue(), values, quotable);
        }
      });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          array.set(i, array.textNode(scrubText(array.get(i).asText(), values, quotable)));
        } else {
          scrubTree(array.get(i), values, quotable);
        }
      }
    }
  }

  /** Shorter values ("1", "on") would blank out ordinary words; they say little on their own. */
  private static final int MIN_VALUE_LENGTH = 4;
}
