package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the manifests inside a Helm 3 release Secret ({@code type: helm.sh/release.v1}): {@code
 * data.release} is base64 (the Secret encoding) of base64 of gzipped release JSON, whose {@code
 * manifest} holds the rendered YAML. Only apiVersion, kind and name of each document are kept.
 */
final class HelmReleases {
  /** One object a release rendered. */
  record RenderedObject(String apiVersion, String kind, String name) {}

  private HelmReleases() {}

  static boolean isRelease(KubeObject object) {
    return "Secret".equals(object.kind()) && "helm.sh/release.v1".equals(object.node().path("type").asText());
  }

  /** The rendered objects, or an empty list when the release cannot be decoded. */
  static List<RenderedObject> objects(KubeObject secret) {
    List<RenderedObject> out = new ArrayList<>();
    try {
      byte[] helm = Base64.getDecoder().decode(secret.node().path("data").path("release").asText("").trim());
      byte[] gzipped = Base64.getDecoder().decode(helm);
      byte[] json;
      try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
        json = in.readAllBytes();
      }
      String manifest = Json.parse(json).path("manifest").asText("");
      try (MappingIterator<JsonNode> docs = Json.YAML.readerFor(JsonNode.class).readValues(manifest)) {
        while (docs.hasNextValue()) {
          JsonNode doc = docs.nextValue();
          if (doc != null && doc.hasNonNull("apiVersion") && doc.hasNonNull("kind")) {
            out.add(new RenderedObject(doc.path("apiVersion").asText(), doc.path("kind").asText(), doc.path("metadata").path("name").asText("")));
          }
        }
      }
    } catch (Exception e) {
      return List.of();
    }
    return out;
  }
}
