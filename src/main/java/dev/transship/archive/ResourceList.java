package dev.transship.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The content of {@code <backup>-resource-list.json.gz}: {@code "<group/version>/<Kind>"} to the
 * sorted {@code "ns/name"} (or {@code "name"}) of every item, as {@code velero backup describe
 * --details} shows it. Also the per-resource and per-namespace counts {@code inspect} reports.
 */
public final class ResourceList {
  private final Map<String, TreeSet<String>> itemsByGvk = new TreeMap<>();

  public void add(String apiVersion, String kind, String namespace, String name) {
    itemsByGvk.computeIfAbsent(apiVersion + "/" + kind, k -> new TreeSet<>()).add(namespace == null ? name : namespace + "/" + name);
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.object();
    itemsByGvk.forEach((gvk, items) -> items.forEach(out.withArray(gvk)::add));
    return out;
  }

  public int size() {
    return itemsByGvk.values().stream().mapToInt(TreeSet::size).sum();
  }
}
