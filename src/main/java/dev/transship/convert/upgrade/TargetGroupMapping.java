package dev.transship.convert.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code targetGroups} parameter: which target group each TargetGroupBinding uses in the new
 * cluster, keyed by the old target group ARN or by the binding's {@code namespace/name} (which
 * wins, so one binding of a shared target group can be pointed elsewhere).
 */
record TargetGroupMapping(Map<String, String> byArn, Map<String, String> byBinding) {
  private static final Pattern TARGET_GROUP_ARN =
      Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+");
  private static final Pattern BINDING = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  static TargetGroupMapping parse(JsonNode node) {
    Map<String, String> byArn = new LinkedHashMap<>();
    Map<String, String> byBinding = new LinkedHashMap<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new TargetGroupMapping(byArn, byBinding);
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("targetGroups must be a map of old target group ARN (or namespace/name of the "
          + "TargetGroupBinding) to the new cluster's target group ARN");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey().trim();
      String value = e.getValue().asText("").trim();
      if (!TARGET_GROUP_ARN.matcher(value).matches()) {
        throw new IllegalArgumentException("targetGroups['" + key + "']: '" + value
            + "' is not a target group ARN (arn:aws:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>)");
      }
      if (TARGET_GROUP_ARN.matcher(key).matches()) {
        byArn.put(key, value);
      } else if (BINDING.matcher(key).matches()) {
        byBinding.put(key, value);
      } else {
        throw new IllegalArgumentException("targetGroups key '" + key
            + "' is neither a target group ARN nor namespace/name of a TargetGroupBinding");
      }
    }
    return new TargetGroupMapping(byArn, byBinding);
  }

  /** Every key as given (trimmed): old target group ARNs, then binding names. */
  List<String> keys() {
    List<String> keys = new ArrayList<>(byArn.keySet());
    keys.addAll(byBinding.keySet());
    return keys;
  }

  /** The new ARN for a binding, or null when neither its name nor its target group is mapped. */
  String newArn(String namespace, String name, String oldArn) {
    String byName = byBinding.get(namespace + "/" + name);
    return byName != null ? byName : oldArn == null ? null : byArn.get(oldArn);
  }
}
