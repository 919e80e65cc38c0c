package dev.transship.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.kube.Json;
import dev.transship.testing.Backups;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The JSON lint loads is the YAML source, compiled: a stale copy fails here. */
class RemovedApisDataTest {
  @Test
  void jsonMatchesTheReviewedYaml() throws Exception {
    Path dir = Backups.repoRoot().resolve("src/main/resources/dev/transship/kube");
    JsonNode yaml = Json.YAML.readTree(dir.resolve("removed-apis.yaml").toFile()).path("apis");
    JsonNode json = Json.MAPPER.readTree(dir.resolve("removed-apis.json").toFile());
    assertEquals(yaml, json, "removed-apis.json is stale: run scripts/gen-removed-apis.sh");
    assertTrue(json.size() > 50);
  }
}
