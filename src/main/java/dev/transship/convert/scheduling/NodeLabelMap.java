package dev.transship.convert.scheduling;

import dev.transship.cloud.AwsNodeLabels;
import java.util.Map;

/**
 * The user's answer to "which GKE node label replaces this EKS one": {@code nodeLabels} maps
 * {@code key=value} or a whole {@code key} to {@code newKey=newValue} or {@code newKey} (keeping the
 * value); {@code zones} and {@code instanceTypes} map the values of the portable zone and
 * instance-type keys, which stay as they are.
 */
record NodeLabelMap(Map<String, String> nodeLabels, Map<String, String> zones, Map<String, String> instanceTypes) {
  /** A node label requirement's key and value ({@code value} empty when only the key counts). */
  record Label(String key, String value) {
    static Label parse(String text) {
      int eq = text.indexOf('=');
      return eq < 0 ? new Label(text, "") : new Label(text.substring(0, eq), text.substring(eq + 1));
    }

    @Override
    public String toString() {
      return value.isEmpty() ? key : key + "=" + value;
    }
  }

  /** What {@code key=value} becomes on GKE, or null when no entry says. */
  Label map(String key, String value) {
    String target = nodeLabels.get(key + "=" + value);
    if (target == null) {
      target = nodeLabels.get(key);
    }
    if (target != null) {
      Label to = Label.parse(target);
      return to.value().isEmpty() ? new Label(to.key(), value) : to;
    }
    if (AwsNodeLabels.INSTANCE_TYPE_KEYS.contains(key) && instanceTypes.containsKey(value)) {
      return new Label(key, instanceTypes.get(value));
    }
    if (AwsNodeLabels.ZONE_KEYS.contains(key) && zones.containsKey(value)) {
      return new Label(key, zones.get(value));
    }
    return null;
  }

  /** What the key alone (an Exists requirement, a toleration of any value) becomes, or null. */
  Label mapKey(String key) {
    String target = nodeLabels.get(key);
    return target == null ? null : Label.parse(target);
  }

  /** How a user could map {@code label}, for hints. */
  static String hint(Label label) {
    if (AwsNodeLabels.ZONE_KEYS.contains(label.key())) {
      return "map the zone with zones (e.g. '" + label.value() + ": <GCP zone>') or rely on topologySpreadConstraints";
    }
    if (AwsNodeLabels.INSTANCE_TYPE_KEYS.contains(label.key())) {
      return "map the type with instanceTypes (e.g. '" + label.value() + ": <machine type>') or size the pod by its resource requests";
    }
    return "map it with nodeLabels (e.g. '" + label + ": cloud.google.com/gke-nodepool=<pool>', or cloud.google.com/gke-spot=true for Spot)";
  }
}
