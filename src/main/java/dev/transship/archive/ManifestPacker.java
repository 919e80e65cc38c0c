package dev.transship.archive;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.kube.KubeNames;
import dev.transship.kube.KubeObject;
import dev.transship.kube.ResourceCatalog;
import dev.transship.kube.YamlError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a Velero backup folder from live-object manifests ({@code kubectl get -o yaml} output):
 * how the bundled sample backups are made, and a way to produce test backups without a cluster.
 */
public final class ManifestPacker {
  /** One object read from a manifest file, with where it came from for error messages. */
  /** @param line the 1-based line where the object's document starts (its first key), for findings to point at */
  public record ManifestObject(Path file, int document, int line, KubeObject object) {
    public String where() {
      return file + " (document " + document + ", " + object.describe() + ")";
    }
  }

  private ManifestPacker() {}

  /** The backup's completion time, so packing the same manifests twice gives the same tarball. */
  private static java.time.Instant packedAt(ObjectNode backupResource) {
    String stamp = backupResource.path("status").path("completionTimestamp").asText("");
    try {
      return java.time.Instant.parse(stamp);
    } catch (RuntimeException e) {
      return java.time.Instant.EPOCH;
    }
  }

  /**
   * Reads every object from one manifest file, or from the {@code .yaml}/{@code .yml}/{@code .json}
   * files under a folder in file-name order. Duplicate keys are errors, as they are to kubectl.
   */
  public static List<ManifestObject> read(Path folder) throws TransshipException {
    List<Path> files;
    if (Files.isRegularFile(folder)) {
      files = List.of(folder);
    } else if (!Files.isDirectory(folder)) {
      throw new TransshipException(folder + ": no such file or folder");
    } else {
      try (Stream<Path> list = Files.walk(folder)) {
        files = list.filter(Files::isRegularFile)
            .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new TransshipException(folder + ": cannot list (" + e.getMessage() + ")");
      }
      if (files.isEmpty()) {
        throw new TransshipException(folder + ": no manifests (.yaml, .yml or .json files) in this folder");
      }
    }
    List<ManifestObject> out = new ArrayList<>();
    for (Path file : files) {
      readFile(file, out);
    }
    return out;
  }

  private static void readFile(Path file, List<ManifestObject> out) throws TransshipException {
    int document = 0;
    try (MappingIterator<JsonNode> docs = Json.YAML.readerFor(JsonNode.class)
        .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readValues(file.toFile())) {
      while (docs.hasNextValue()) {
        int line = docs.getParser().currentTokenLocation().getLineNr();
        JsonNode node = docs.nextValue();
        document++;
        if (node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isBlank())) {
          continue;
        }
        if (node.isArray() || "List".equals(node.path("kind").asText())) {
          for (JsonNode item : node.isArray() ? node : node.path("items")) {
            out.add(check(file, document, line, item));
          }
          continue;
        }
        out.add(check(file, document, line, node));
      }
    } catch (IOException e) {
      throw new TransshipException(YamlError.describe(file, e));
    } catch (RuntimeException e) {
      if (e.getCause() instanceof IOException io) {
        throw new TransshipException(YamlError.describe(file, io));
      }
      throw e;
    }
  }

  private static ManifestObject check(Path file, int document, int line, JsonNode node) throws TransshipException {
    String where = file + " (document " + document + ")";
    if (!(node instanceof ObjectNode obj)) {
      throw new TransshipException(where + ": not a Kubernetes object");
    }
    for (String field : new String[] {"apiVersion", "kind"}) {
      if (!obj.path(field).isTextual() || obj.path(field).asText().isEmpty()) {
        throw new TransshipException(where + ": has no " + field);
      }
    }
    String name = obj.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw new TransshipException(where + ": " + obj.path("kind").asText() + " has no metadata.name");
    }
    // Velero files an item under its name; the API server takes no other (path segment names are the loosest rule).
    if (!KubeNames.isPathSegmentName(name)) {
      throw new TransshipException(where + ": " + obj.path("kind").asText() + " name '" + name
          + "' is not a Kubernetes object name (no '/', '%', spaces or control characters)");
    }
    return new ManifestObject(file, document, line, new KubeObject(obj));
  }

  /**
   * Writes the objects as a backup folder named after {@code backupResource}'s metadata.name.
   *
   * @param podVolumeBackups the PodVolumeBackup list for {@code -podvolumebackups.json.gz}, or null
   * @return where the backup was written
   */
  public static String pack(List<ManifestObject> objects, ObjectNode backupResource, ArrayNode podVolumeBackups,
      BackupDestination destination) throws TransshipException {
    String name = backupResource.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw new TransshipException("the Backup resource has no metadata.name");
    }
    destination.checkFree(name);
    ResourceCatalog catalog = new ResourceCatalog();
    objects.stream().map(ManifestObject::object)
        .filter(o -> "CustomResourceDefinition".equals(o.kind()))
        .forEach(catalog::learn);
    Path staged = destination.stage(name);
    try {
      List<String> files;
      try (BackupFolderWriter folder = new BackupFolderWriter(staged, name, packedAt(backupResource))) {
        ItemKeySet seen = new ItemKeySet();
        for (ManifestObject manifest : objects) {
          KubeObject object = manifest.object();
          ResourceCatalog.Resource resource = catalog.resourceOf(object);
          if (resource.namespaced() != (object.namespace() != null)) {
            throw new TransshipException(manifest.where() + ": " + object.kind()
                + (resource.namespaced() ? " is namespaced but has no metadata.namespace" : " is cluster-scoped but has a metadata.namespace"));
          }
          ItemKey key = new ItemKey(resource.groupResource(), object.namespace(), object.name());
          if (!seen.add(key)) {
            throw new TransshipException(manifest.where() + ": defined twice");
          }
          try {
            folder.archive().writeItem(key, object, Json.bytes(object.node()));
          } catch (IOException e) {
            throw new TransshipException(staged + ": cannot write (" + e.getMessage() + ")");
          }
        }
        Map<String, byte[]> sideFiles = new LinkedHashMap<>();
        if (podVolumeBackups != null) {
          sideFiles.put(VeleroLayout.PODVOLUMEBACKUPS_SUFFIX, Gzip.compress(Json.bytes(podVolumeBackups)));
        }
        ObjectNode progress = KubeObject.objectAt(KubeObject.objectAt(backupResource, "status"), "progress");
        progress.put("totalItems", folder.archive().itemCount());
        progress.put("itemsBackedUp", folder.archive().itemCount());
        files = folder.finish(backupResource, sideFiles, "packed by transship from " + objects.size() + " manifests\n");
      }
      destination.publish(name, staged, files);
      return destination.address(name);
    } catch (TransshipException | RuntimeException e) {
      destination.discard(staged);
      throw e;
    }
  }
}
