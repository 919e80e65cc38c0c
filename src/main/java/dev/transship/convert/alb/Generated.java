package dev.transship.convert.alb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;

/** The common shape of objects the converter generates: who made them and from what. */
final class Generated {
  private Generated() {}

  static ObjectNode object(String apiVersion, String kind, String name, KubeObject from) {
    ObjectNode object = Json.object();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", from.namespace());
    metadata.putObject("labels").put("app.kubernetes.io/managed-by", "transship");
    metadata.putObject("annotations").put("transship.dev/generated-from", from.describe());
    return object;
  }
}
