package dev.transship.convert.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The new cluster's AWS mesh names: {@code meshNames} entries, else {@code meshSuffix}, else unchanged. */
record MeshNames(Map<String, String> explicit, NameSuffix suffix) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  /** App Mesh names are at most 255 characters. */
  private static final int MAX_LENGTH = 255;

  static MeshNames parse(JsonNode meshNames, String meshSuffix) {
    Map<String, String> explicit = new LinkedHashMap<>();
    if (meshNames != null && !meshNames.isNull() && !meshNames.isMissingNode()) {
      if (!meshNames.isObject()) {
        throw new IllegalArgumentException("meshNames must be a map of Mesh name (or awsName) -> new awsName");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = meshNames.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String value = e.getValue().asText("").trim();
        if (value.length() > MAX_LENGTH || !NAME.matcher(value).matches()) {
          throw new IllegalArgumentException("meshNames['" + e.getKey() + "']: '" + value
              + "' is not a valid mesh name (lower-case letters, digits, '-' and '.')");
        }
        explicit.put(e.getKey().trim(), value);
      }
    }
    return new MeshNames(explicit, NameSuffix.parse("meshSuffix", meshSuffix));
  }

  /**
   * The new awsName of a Mesh: the meshNames entry for its awsName or else its name, else the
   * awsName plus meshSuffix; null when it stays the same.
   */
  String newAwsName(String name, String awsName) {
    String renamed = explicit.containsKey(awsName) ? explicit.get(awsName)
        : explicit.containsKey(name) ? explicit.get(name)
        : suffix.isEmpty() ? null : suffix.append(awsName, MAX_LENGTH).name();
    return renamed == null || renamed.equals(awsName) ? null : renamed;
  }

  boolean names(String mesh) {
    return explicit.containsKey(mesh);
  }
}
