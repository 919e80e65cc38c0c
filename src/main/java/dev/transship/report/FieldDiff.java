package dev.transship.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields that differ between two versions of an object, each with its value before and after,
 * for a person to read. A map that appears or disappears whole is listed key by key (an
 * annotations map that lost its only annotation shows which one), anything deeper as one value.
 * Arrays are compared element by element after their common start and end, so one container
 * whose image changed is one row, and an inserted element is one added row.
 */
public final class FieldDiff {
  /** A key written after a dot; any other is quoted in brackets, so dots and slashes stay readable. */
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

  private final List<FieldChange> changes = new ArrayList<>();

  private FieldDiff() {}

  public static List<FieldChange> between(JsonNode before, JsonNode after) {
    FieldDiff diff = new FieldDiff();
    diff.compare("", before, after, true);
    return diff.changes;
  }

  /** {@code parent} joined with a map key: {@code spec.replicas}, {@code metadata.labels["app.kubernetes.io/name"]}. */
  public static String child(String parent, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return parent.isEmpty() ? key : parent + "." + key;
    }
    return parent + "[" + Json.compact(Json.MAPPER.getNodeFactory().textNode(key)) + "]";
  }

  private static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  /** @param expand whether a map missing on one side is listed key by key (once; not its nested maps) */
  private void compare(String path, JsonNode before, JsonNode after, boolean expand) {
    if (before != null && before.equals(after)) {
      return;
    }
    if (before instanceof ObjectNode a && after instanceof ObjectNode b) {
      Set<String> keys = new LinkedHashSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      keys.forEach(k -> compare(child(path, k), a.get(k), b.get(k), true));
    } else if (before instanceof ArrayNode a && after instanceof ArrayNode b) {
      compareArrays(path, a, b);
    } else if (expand && !path.isEmpty() && (before == null && after instanceof ObjectNode && after.size() > 0
        || after == null && before instanceof ObjectNode && before.size() > 0)) {
      JsonNode present = before == null ? after : before;
      for (Iterator<String> it = present.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        compare(child(path, k), before == null ? null : before.get(k), after == null ? null : after.get(k), false);
      }
    } else {
      changes.add(new FieldChange(path, before, after));
    }
  }

  private void compareArrays(String path, ArrayNode a, ArrayNode b) {
    int start = 0;
    while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
      start++;
    }
    int endA = a.size();
    int endB = b.size();
    while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
      endA--;
      endB--;
    }
    int paired = Math.min(endA - start, endB - start);
    for (int i = start; i < start + paired; i++) {
      compare(index(path, i), a.get(i), b.get(i), true);
    }
    for (int i = start + paired; i < endA; i++) {
      changes.add(new FieldChange(index(path, i), a.get(i), null));
    }
    for (int i = start + paired; i < endB; i++) {
      changes.add(new FieldChange(index(path, i), null, b.get(i)));
    }
  }
}
