package dev.transship.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.transship.kube.Json;
import java.nio.file.Path;
import java.util.List;

/** Validates objects against the openAPIV3Schema of a CRD file in shared/ (Velero or GKE CRDs). */
public final class CrdSchemas {
  private CrdSchemas() {}

  /** The schema of the CRD's version named {@code version} (or its first version when null). */
  public static Schema load(Path crdFile, String version) {
    try {
      JsonNode crd = Json.YAML.readTree(crdFile.toFile());
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (version == null || version.equals(v.path("name").asText())) {
          String schema = v.path("schema").path("openAPIV3Schema").toString();
          return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema, InputFormat.JSON);
        }
      }
      throw new AssertionError(crdFile + " has no version " + version);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Validation errors, empty when the object conforms. */
  public static List<String> errors(Schema schema, JsonNode object) {
    return schema.validate(Json.compact(object), InputFormat.JSON).stream().map(Object::toString).toList();
  }

  public static Path veleroCrd(String file) {
    return Backups.shared().resolve("velero-crds").resolve(file);
  }

  public static Path gkeCrd(String file) {
    return Backups.shared().resolve("gke-crds").resolve(file);
  }
}
