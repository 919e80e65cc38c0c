package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
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

  /**
   * Whether the object is a Helm release revision Helm would act on: deployed or pending. Superseded
   * and failed revisions are history; checking them too would repeat each finding per revision.
   */
  static boolean isRelease(KubeObject object) {
    if (!"Secret".equals(object.kind()) || !"helm.sh/release.v1".equals(object.node().path("type").asText())) {
      return false;
    }
    String status = object.labels().getOrDefault("status", "deployed");
    return status.equals("deployed") || status.startsWith("pending-");
  }

  /** The rendered objects, or an empty list when the release cannot be decoded; a broken document is skipped, not the release. */
  static List<RenderedObject> objects(KubeObject secret) {
    String manifest;
    try {
      byte[] helm = Base64.getDecoder().decode(secret.node().path("data").path("release").asText("").trim());
      byte[] release = Base64.getDecoder().decode(helm);
      // Helm gzips the release JSON; very old Helm 3 versions stored it plain.
      if (release.length > 1 && (release[0] & 0xff) == 0x1f && (release[1] & 0xff) == 0x8b) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(release))) {
          release = in.readAllBytes();
        }
      }
      manifest = Json.parse(release).path("manifest").asText("");
    } catch (Exception e) {
      return List.of();
    }
    List<RenderedObject> out = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(manifest)) {
      try {
        JsonNode doc = Json.YAML.readTree(document);
        if (doc != null && doc.hasNonNull("apiVersion") && doc.hasNonNull("kind")) {
          out.add(new RenderedObject(doc.path("apiVersion").asText(), doc.path("kind").asText(), doc.path("metadata").path("name").asText("")));
        }
      } catch (Exception e) {
        // one template rendered badly; the others still count
      }
    }
    return out;
  }

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---.*$");
}
