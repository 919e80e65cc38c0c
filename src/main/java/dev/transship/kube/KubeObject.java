package dev.transship.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A read/write view over one Kubernetes object held as a Jackson tree. */
public record KubeObject(ObjectNode node) {

  public static KubeObject of(JsonNode node) {
    return new KubeObject((ObjectNode) node);
  }

  public String apiVersion() {
    return node.path("apiVersion").asText("");
  }

  public String kind() {
    return node.path("kind").asText("");
  }

  /** The API group, "" for the core group. */
  public String group() {
    String apiVersion = apiVersion();
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public String version() {
    return versionOf(apiVersion());
  }

  /** "v1" of "apps/v1" and of "v1". */
  public static String versionOf(String apiVersion) {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  public String name() {
    return node.path("metadata").path("name").asText("");
  }

  /** The namespace, or null for a cluster-scoped object. */
  public String namespace() {
    JsonNode ns = node.path("metadata").path("namespace");
    return ns.isTextual() && !ns.asText().isEmpty() ? ns.asText() : null;
  }

  public ObjectNode metadata() {
    return objectAt(node, "metadata");
  }

  public Map<String, String> labels() {
    return stringMap(node.path("metadata").path("labels"));
  }

  public Map<String, String> annotations() {
    return stringMap(node.path("metadata").path("annotations"));
  }

  public String label(String key) {
    JsonNode v = node.path("metadata").path("labels").get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  public String annotation(String key) {
    JsonNode v = node.path("metadata").path("annotations").get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  public void setLabel(String key, String value) {
    objectAt(metadata(), "labels").put(key, value);
  }

  public void setAnnotation(String key, String value) {
    objectAt(metadata(), "annotations").put(key, value);
  }

  /** Removes an annotation; drops the empty map so the object reads as if it never had one. */
  public boolean removeAnnotation(String key) {
    return removeFromMap("annotations", key);
  }

  public boolean removeLabel(String key) {
    return removeFromMap("labels", key);
  }

  private boolean removeFromMap(String field, String key) {
    JsonNode map = node.path("metadata").path(field);
    if (!(map instanceof ObjectNode obj) || !obj.has(key)) {
      return false;
    }
    obj.remove(key);
    if (obj.isEmpty()) {
      metadata().remove(field);
    }
    return true;
  }

  public List<String> finalizers() {
    List<String> out = new ArrayList<>();
    node.path("metadata").path("finalizers").forEach(f -> out.add(f.asText()));
    return out;
  }

  public void setFinalizers(List<String> finalizers) {
    if (finalizers.isEmpty()) {
      metadata().remove("finalizers");
      return;
    }
    ArrayNode array = metadata().putArray("finalizers");
    finalizers.forEach(array::add);
  }

  /** "Kind ns/name" or "Kind name": how findings and errors name an object. */
  public String describe() {
    String ns = namespace();
    return kind() + " " + (ns == null ? name() : ns + "/" + name());
  }

  /** The child object at {@code field}, created when absent. */
  public static ObjectNode objectAt(ObjectNode parent, String field) {
    JsonNode child = parent.get(field);
    if (child instanceof ObjectNode obj) {
      return obj;
    }
    return parent.putObject(field);
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
