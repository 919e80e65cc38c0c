package dev.transship.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.testing.Backups;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The removed-API table holds every entry of Pluto's published data: the same removal release, or
 * a reason in {@code plutoDifferences}. An explanation for an entry that no longer differs fails
 * too, so the reasons cannot go stale.
 */
class PlutoVersionsTest {
  private static final Path ROOT = Backups.repoRoot();

  @Test
  void everyPlutoEntryIsListedAlikeOrExplained() throws Exception {
    JsonNode pluto = Json.YAML.readTree(ROOT.resolve("src/test/resources/pluto/versions.yaml").toFile()).path("deprecated-versions");
    JsonNode table = Json.YAML.readTree(ROOT.resolve("src/main/resources/dev/transship/kube/removed-apis.yaml").toFile());
    Map<String, String> reasons = new HashMap<>();
    for (JsonNode d : table.path("plutoDifferences")) {
      String key = d.has("component") ? "component:" + d.path("component").asText() : d.path("version").asText() + "/" + d.path("kind").asText();
      assertTrue(!d.path("reason").asText().isBlank(), "no reason for " + key);
      reasons.put(key, d.path("reason").asText());
    }
    assertTrue(pluto.size() > 80, "the Pluto copy is cut short: " + pluto.size());
    List<String> missing = new ArrayList<>();
    Set<String> explained = new HashSet<>();
    for (JsonNode entry : pluto) {
      String component = entry.path("component").asText();
      String key = entry.path("version").asText() + "/" + entry.path("kind").asText();
      if (!component.equals("k8s")) {
        assertTrue(reasons.containsKey("component:" + component), "Pluto's " + component + " entries are not explained");
        explained.add("component:" + component);
        continue;
      }
      RemovedApis.RemovedApi listed = RemovedApis.all().get(key);
      KubeVersion plutoRemovedIn = KubeVersion.parse(entry.path("removed-in").asText());
      if (reasons.containsKey(key)) {
        explained.add(key);
        if (listed != null) {
          assertNotEquals(plutoRemovedIn, listed.removedIn(), key + " now agrees with Pluto: drop its plutoDifferences entry");
        }
      } else if (listed == null) {
        missing.add(key + " (Pluto: removed in " + plutoRemovedIn + ")");
      } else {
        assertEquals(plutoRemovedIn, listed.removedIn(), key + ": Pluto and the table disagree; fix the table or explain why");
      }
    }
    assertEquals(List.of(), missing, "Pluto entries the table neither lists nor explains");
    assertEquals(reasons.keySet(), explained, "plutoDifferences entries that match no Pluto entry");
  }

  @Test
  void alphaVersionsPlutoListsAreInTheTable() {
    // the ones the removed-API table lacked before it was held against Pluto
    for (String key : List.of("scheduling.k8s.io/v1alpha1/PriorityClass", "rbac.authorization.k8s.io/v1alpha1/ClusterRole",
        "rbac.authorization.k8s.io/v1alpha1/ClusterRoleBinding", "rbac.authorization.k8s.io/v1alpha1/Role",
        "rbac.authorization.k8s.io/v1alpha1/RoleBinding")) {
      assertTrue(RemovedApis.all().containsKey(key), key);
      assertTrue(RemovedApis.all().get(key).hasReplacement(), key);
    }
  }
}
