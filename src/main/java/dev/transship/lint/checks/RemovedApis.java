package dev.transship.lint.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.lint.KubeVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Every built-in group/version/kind Kubernetes stopped serving, with the release and the
 * replacement. The reviewed source is {@code removed-apis.yaml} (the Deprecated API Migration Guide
 * and release notes); lint loads its JSON form, compiled by {@code scripts/gen-removed-apis.sh},
 * because JSON parses faster at start-up.
 */
final class RemovedApis {
  /** One removed API. */
  record RemovedApi(String apiVersion, String kind, KubeVersion removedIn, String replacement, String note) {}

  static final String RESOURCE = "/dev/transship/lint/removed-apis.json";
  private static Map<String, RemovedApi> byApiVersionKind;

  private RemovedApis() {}

  static synchronized Map<String, RemovedApi> all() {
    if (byApiVersionKind == null) {
      Map<String, RemovedApi> out = new HashMap<>();
      try (InputStream in = RemovedApis.class.getResourceAsStream(RESOURCE)) {
        for (JsonNode api : Json.MAPPER.readTree(in)) {
          String group = api.path("group").asText("");
          String apiVersion = group.isEmpty() ? api.path("version").asText() : group + "/" + api.path("version").asText();
          out.put(apiVersion + "/" + api.path("kind").asText(), new RemovedApi(apiVersion, api.path("kind").asText(),
              KubeVersion.parse(api.path("removedIn").asText()), api.path("replacement").asText("none"), api.path("note").asText("")));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byApiVersionKind = out;
    }
    return byApiVersionKind;
  }

  /** The removal of {@code apiVersion/kind} at or before {@code target}, or null. */
  static RemovedApi removedBy(String apiVersion, String kind, KubeVersion target) {
    RemovedApi api = all().get(apiVersion + "/" + kind);
    return api != null && api.removedIn().compareTo(target) <= 0 ? api : null;
  }

  /** The newest release the table covers, for validating --target-version. */
  static KubeVersion newest() {
    return all().values().stream().map(RemovedApi::removedIn).max(KubeVersion::compareTo).orElseThrow();
  }
}
