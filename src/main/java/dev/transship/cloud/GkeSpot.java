package dev.transship.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * GKE Spot VMs as pods see them (GKE docs, "Spot VMs" and "Use Spot VMs"): Spot nodes carry the
 * label {@code cloud.google.com/gke-spot=true}; a Standard Spot node pool created with the taint
 * {@code cloud.google.com/gke-spot=true:NoSchedule} admits only pods that tolerate it, and
 * Autopilot taints the nodes of Spot Pods and adds the toleration to them itself.
 */
public final class GkeSpot {
  public static final String LABEL = "cloud.google.com/gke-spot";
  public static final String VALUE = "true";
  public static final String EFFECT = "NoSchedule";

  private GkeSpot() {}

  /** {@code cloud.google.com/gke-spot=true:NoSchedule}, for messages. */
  public static String taint() {
    return LABEL + "=" + VALUE + ":" + EFFECT;
  }

  /** Whether a node requirement ({@code key In values}) asks for Spot nodes. */
  public static boolean asksForSpot(String key, String operator, Iterable<String> values) {
    if (!LABEL.equals(key) || !"In".equals(operator)) {
      return false;
    }
    for (String value : values) {
      if (VALUE.equals(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the pod toleration admits the Spot taint: its key (or an empty key with Exists, which
   * tolerates every taint), Exists or Equal "true" (Equal is the default operator), and NoSchedule
   * or no effect (every effect).
   */
  public static boolean tolerates(JsonNode toleration) {
    String key = toleration.path("key").asText("");
    String operator = toleration.path("operator").asText("");
    String effect = toleration.path("effect").asText("");
    if (!effect.isEmpty() && !effect.equals(EFFECT)) {
      return false;
    }
    if (key.isEmpty()) {
      return operator.equals("Exists");
    }
    return key.equals(LABEL) && (operator.equals("Exists") || VALUE.equals(toleration.path("value").asText("")));
  }

  /** A new toleration of the Spot taint: key, operator Equal, value "true", effect NoSchedule. */
  public static ObjectNode toleration() {
    ObjectNode toleration = JsonNodeFactory.instance.objectNode();
    toleration.put("key", LABEL);
    toleration.put("operator", "Equal");
    toleration.put("value", VALUE);
    toleration.put("effect", EFFECT);
    return toleration;
  }
}
