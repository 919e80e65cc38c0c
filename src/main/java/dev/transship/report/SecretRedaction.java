package dev.transship.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import java.util.Iterator;
import java.util.Map;

/**
 * Makes a Secret safe to show: every {@code data}/{@code stringData} value becomes a placeholder
 * with its length, and the last-applied annotation (which repeats the data) is masked too.
 */
public final class SecretRedaction {
  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private SecretRedaction() {}

  /** A redacted copy for Secrets; other objects are returned as they are. */
  public static JsonNode redact(JsonNode object) {
    if (object == null || !"Secret".equals(object.path("kind").asText()) || !(object instanceof ObjectNode)) {
      return object;
    }
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    for (String field : new String[] {"data", "stringData"}) {
      if (copy.get(field) instanceof ObjectNode values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          e.setValue(values.textNode("(redacted, " + e.getValue().asText().length() + " chars)"));
        }
      }
    }
    KubeObject kube = new KubeObject(copy);
    if (kube.annotation(LAST_APPLIED) != null) {
      kube.setAnnotation(LAST_APPLIED, "(redacted)");
    }
    return copy;
  }
}
