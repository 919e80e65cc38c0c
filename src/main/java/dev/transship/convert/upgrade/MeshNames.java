package dev.transship.convert.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The new cluster's App Mesh mesh names: an explicit {@code meshNames} entry, else the old name
 * plus {@code meshSuffix}, else none (the mesh keeps its name).
 */
record MeshNames(Map<String, String> explicit, NameSuffix suffix) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  /** Kubernetes object names are at most 253 characters (App Mesh names 255). */
  private static final int MAX_LENGTH = 253;

  static MeshNames parse(JsonNode meshNames, String meshSuffix) {
    Map<String, String> explicit = new LinkedHashMap<>();
    if (meshNames != null && !meshNames.isNull() && !meshNames.isMissingNode()) {
      if (!meshNames.isObject()) {
        throw new IllegalArgumentException("meshNames must be a map of old Mesh name -> new Mesh name");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = meshNames.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String value = e.getValue().asText("").trim();
        if (value.length() > MAX_LENGTH || !NAME.matcher(value).matches()) {
          throw new IllegalArgumentException("meshNames['" + e.getKey() + "']: '" + value
              + "' is not a valid Mesh name (lower-case letters, digits, '-' and '.')");
        }
        explicit.put(e.getKey().trim(), value);
      }
    }
    return new MeshNames(explicit, NameSuffix.parse("meshSuffix", meshSuffix));
  }

  /** The new name, or null when this mesh keeps its name. */
  String rename(String old) {
    String renamed = explicit.get(old);
    if (renamed == null && !suffix.isEmpty()) {
      renamed = suffix.append(old, MAX_LENGTH).name();
    }
    return renamed == null || renamed.equals(old) ? null : renamed;
  }

  boolean names(String mesh) {
    return explicit.containsKey(mesh);
  }
}
