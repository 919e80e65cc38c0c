package dev.transship.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Every built-in group/version/kind Kubernetes stopped serving, with the release and the
 * replacement: one table for lint (which reports them) and convert (which rewrites them). The
 * reviewed source is {@code removed-apis.yaml} (the Deprecated API Migration Guide, release notes,
 * and every Kubernetes entry of Pluto's data); the JSON form, compiled by {@code
 * scripts/gen-removed-apis.sh}, is what loads, because JSON parses faster at start-up.
 */
public final class RemovedApis {
  /** One removed API; {@code replacement} is an apiVersion, or "none". */
  public record RemovedApi(String apiVersion, String kind, KubeVersion removedIn, String replacement, String note) {
    public boolean hasReplacement() {
      return !replacement.equals("none");
    }
  }

  static final String RESOURCE = "/dev/transship/kube/removed-apis.json";
  private static Map<String, RemovedApi> byApiVersionKind;

  private RemovedApis() {}

  public static synchronized Map<String, RemovedApi> all() {
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
      byApiVersionKind = Map.copyOf(out);
    }
    return byApiVersionKind;
  }

  /** The removal of {@code apiVersion/kind} at or before {@code target}, or null. */
  public static RemovedApi removedBy(String apiVersion, String kind, KubeVersion target) {
    RemovedApi api = all().get(apiVersion + "/" + kind);
    return api != null && api.removedIn().compareTo(target) <= 0 ? api : null;
  }

  /** The newest release the table covers, for validating a target version. */
  public static KubeVersion newest() {
    return all().values().stream().map(RemovedApi::removedIn).max(KubeVersion::compareTo).orElseThrow();
  }

  /**
   * Refuses a target version transship knows nothing about: before the first removals in the table
   * or more than two releases past the newest it covers.
   *
   * @throws IllegalArgumentException naming the accepted range
   */
  public static void checkTargetVersion(KubeVersion version) {
    KubeVersion newest = newest();
    if (version.major() != 1 || version.minor() < 16 || version.minor() > newest.minor() + 2) {
      throw new IllegalArgumentException("Kubernetes " + version + " is not a version transship knows (removals are listed up to " + newest
          + "; targets 1.16 to 1." + (newest.minor() + 2) + " are accepted)");
    }
  }
}
